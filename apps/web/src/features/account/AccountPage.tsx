// The signed-in user's own settings: language, password, where they are signed in, API keys.
import type { Locale } from '@rapport/contracts/apiTypes';
import { Badge, Button, Group, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword, meKey, saveMyLocale, useMe } from '../../api/auth';
import { api, dataOf } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime } from '../../i18n/format';
import { ApiKeys } from './ApiKeys';

export function AccountPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const message = useErrorMessage();
  const user = me.data!.user;
  const saveLocale = async (l: Locale) => {
    try {
      await saveMyLocale(l);
      await client.invalidateQueries({ queryKey: meKey });
      // i18n.t, not t: t is bound to the language this render had, before the switch.
      notifications.show({ color: 'green', message: i18n.t('account.languageSaved') });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <Stack gap="md" maw={720} pb={80}>
      <Title order={1} size="h3">
        {t('account.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Text fw={600}>{user.name}</Text>
        <Text size="sm" c="dimmed">
          {user.email} · {t(`roles.${user.role as 'admin'}`, { defaultValue: user.role })}
        </Text>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('account.language')}>
        <Title order={2} size="h5" mb="xs">
          {t('account.language')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('account.languageHint')}
        </Text>
        <LanguageSwitch onChange={saveLocale} />
      </Paper>
      <PasswordForm />
      <Sessions />
      <ApiKeys />
    </Stack>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const mismatch = confirm.length > 0 && confirm !== next;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('account.password')}>
      <Title order={2} size="h5" mb="sm">
        {t('account.password')}
      </Title>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await changePassword({ currentPassword: current, newPassword: next });
            setCurrent('');
            setNext('');
            setConfirm('');
            notifications.show({ color: 'green', message: t('account.passwordChanged') });
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack gap="sm" maw={400}>
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label={t('account.newPassword')}
            autoComplete="new-password"
            description={t('setup.passwordHint')}
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? t('account.mismatch') : undefined}
          />
          <FormErrorAlert error={error} shownFields={['currentPassword', 'newPassword']} />
          <Group>
            <Button type="submit" loading={busy} disabled={!current || next.length < 8 || next !== confirm}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface SessionRow {
  id: string;
  userAgent?: string | null;
  ip?: string | null;
  createdAt: string;
  lastSeenAt?: string;
  current?: boolean;
}

function Sessions() {
  const { t } = useTranslation();
  const locale = useLocale();
  const message = useErrorMessage();
  const q = useQuery({
    queryKey: ['sessions'],
    queryFn: async () => dataOf(await api.get<{ data: SessionRow[] }>('/api/v1/auth/sessions')),
  });
  const endOthers = async () => {
    try {
      await api.delete('/api/v1/auth/sessions');
      await q.refetch();
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('account.sessions')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {t('account.sessions')}
        </Title>
        {(q.data?.length ?? 0) > 1 && (
          <Button size="xs" variant="light" color="red" onClick={endOthers}>
            {t('account.endOthers')}
          </Button>
        )}
      </Group>
      {q.isError ? (
        <Text size="sm" c="red">
          {message(q.error)}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table>
            <Table.Tbody>
              {(q.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {s.userAgent ?? '—'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {s.ip} · {formatDateTime(s.lastSeenAt ?? s.createdAt, locale)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={100}>
                    {s.current && <Badge variant="light">{t('account.thisDevice')}</Badge>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
