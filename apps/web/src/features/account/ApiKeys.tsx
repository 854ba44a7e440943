// "My account" → API keys: the caller's keys (GET /api-keys), a form to make one with an optional
// end date, the token shown once with a copy button, and revoke with a confirmation.
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDate, formatDateTime } from '../../i18n/format';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  expired: boolean;
}

const keysKey = ['api-keys'] as const;

export function ApiKeys() {
  const { t } = useTranslation();
  const locale = useLocale();
  const message = useErrorMessage();
  const keys = useQuery({
    queryKey: keysKey,
    queryFn: async () => dataOf(await api.get<{ data: ApiKeyRow[] }>('/api/v1/api-keys?limit=200')),
  });
  const [name, setName] = useState('');
  const [ends, setEnds] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const errors = fieldErrorsOf(error);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { name: name.trim() };
      if (ends) body.expiresAt = `${ends}T00:00:00Z`;
      const key = await api.post<{ token: string }>('/api/v1/api-keys', body);
      setToken(key.token);
      setName('');
      setEnds('');
      await keys.refetch();
    } catch (err) {
      setError(err); // what was typed stays in the form
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (k: ApiKeyRow) => {
    if (!window.confirm(t('apiKeys.revokeConfirm', { name: k.name }))) return;
    try {
      await api.delete(`/api/v1/api-keys/${k.id}`);
      notifications.show({ color: 'green', message: t('apiKeys.revoked') });
      await keys.refetch();
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('apiKeys.title')}>
      <Title order={2} size="h5" mb="xs">
        {t('apiKeys.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('apiKeys.hint')}
      </Text>
      {token && (
        <Alert color="yellow" variant="light" title={t('apiKeys.tokenTitle')} mb="sm" role="status">
          <Stack gap="xs">
            <Text size="sm">{t('apiKeys.tokenHint')}</Text>
            <Code block data-testid="new-api-key" style={{ wordBreak: 'break-all' }}>
              {token}
            </Code>
            <Group gap="xs">
              <CopyButton value={token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => setToken(null)}>
                {t('apiKeys.done')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Group align="flex-start" gap="sm" wrap="wrap" mb="sm">
          <TextInput
            label={t('apiKeys.name')}
            placeholder={t('apiKeys.namePlaceholder')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={100}
            style={{ flex: '1 1 200px' }}
          />
          <TextInput
            type="date"
            label={t('apiKeys.expires')}
            description={t('apiKeys.expiresHint')}
            value={ends}
            onChange={(e) => setEnds(e.currentTarget.value)}
            error={errors.expiresAt}
            style={{ flex: '1 1 200px' }}
          />
        </Group>
        <FormErrorAlert error={error} shownFields={['name', 'expiresAt']} />
        <Button type="submit" size="sm" loading={busy} disabled={!name.trim()} mt="xs">
          {t('apiKeys.create')}
        </Button>
      </form>
      {keys.isError ? (
        <Text size="sm" c="red" mt="sm">
          {message(keys.error)}
        </Text>
      ) : keys.data?.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('apiKeys.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={320} mt="sm">
          <Table>
            <Table.Tbody>
              {(keys.data ?? []).map((k) => (
                <Table.Tr key={k.id} data-testid={`api-key-${k.id}`}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {k.name}
                      </Text>
                      <Code>{k.prefix}…</Code>
                      {k.expired && (
                        <Badge color="red" variant="light" size="sm">
                          {t('apiKeys.expired')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {[
                        t('apiKeys.created', { date: formatDate(k.createdAt, locale) }),
                        k.lastUsedAt
                          ? t('apiKeys.lastUsed', { date: formatDateTime(k.lastUsedAt, locale) })
                          : t('apiKeys.neverUsed'),
                        k.expiresAt ? t('apiKeys.endsOn', { date: formatDate(k.expiresAt, locale) }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td w={100} ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('apiKeys.revokeLabel', { name: k.name })}
                      onClick={() => void revoke(k)}
                    >
                      {t('apiKeys.revoke')}
                    </Button>
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
