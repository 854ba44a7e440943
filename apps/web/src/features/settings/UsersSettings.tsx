// Users: invite colleagues with a role, team and business unit; change roles; deactivate (they
// lose access at once) or reactivate; reset a password.
import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { type UserSummary, useUsers } from '../../api/catalog';
import { api } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { TeamSelect, UnitSelect } from '../../components/PipelineFields';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { SettingsPanel } from './SettingsPanel';
import { type Role, useRoles } from './useRoles';

type FullUser = UserSummary & {
  role: string;
  teamId: string | null;
  unitId: string | null;
  managerId?: string | null;
  locale: string | null;
};

export function roleName(roles: Role[] | undefined, key: string, locale: 'en' | 'zh-CN') {
  const r = roles?.find((x) => x.key === key);
  return r ? (r.label ? localized(r.label, locale) : r.name) : key;
}

export function UsersSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const users = useUsers();
  const roles = useRoles();
  const me = useMe();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [editing, setEditing] = useState<FullUser | 'new' | null>(null);
  const toggleActive = async (u: FullUser) => {
    if (u.active !== false && !window.confirm(t('settings.users.confirmDeactivate', { name: u.name })))
      return;
    try {
      await api.patch(`/api/v1/users/${u.id}`, { active: u.active === false });
      await client.invalidateQueries({ queryKey: ['users'] });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <SettingsPanel
      title={t('settings.sections.users')}
      hint={t('settings.users.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('settings.users.add')}
        </Button>
      }
    >
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState title={t('settings.users.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.users.name')}</Table.Th>
                <Table.Th>{t('auth.email')}</Table.Th>
                <Table.Th>{t('settings.users.role')}</Table.Th>
                <Table.Th>{t('settings.users.active')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data as FullUser[]).map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none">
                      {roleName(roles.data, u.role, locale)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={t('settings.users.activeFor', { name: u.name })}
                      checked={u.active !== false}
                      disabled={u.id === me.data?.user.id}
                      onChange={() => toggleActive(u)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(u)}>
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <UserModal
          user={editing === 'new' ? null : editing}
          roles={roles.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </SettingsPanel>
  );
}

function UserModal({ user, roles, onClose }: { user: FullUser | null; roles: Role[]; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    role: user?.role ?? 'rep',
    teamId: user?.teamId ?? null,
    unitId: user?.unitId ?? null,
    locale: user?.locale ?? null,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  return (
    <Modal
      opened
      onClose={onClose}
      title={user ? t('settings.users.edit', { name: user.name }) : t('settings.users.add')}
      size="lg"
    >
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, unknown> = { ...form };
            if (user && !form.password) delete body.password;
            if (user) await api.patch(`/api/v1/users/${user.id}`, body);
            else await api.post('/api/v1/users', body);
            await client.invalidateQueries({ queryKey: ['users'] });
            notifications.show({ color: 'green', message: t('settings.saved') });
            onClose();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('settings.users.name')}
              required
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              autoFocus
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              required
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
            />
            <PasswordInput
              label={user ? t('settings.users.resetPassword') : t('auth.password')}
              description={user ? t('settings.users.resetHint') : t('setup.passwordHint')}
              required={!user}
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
            />
            <Select
              label={t('settings.users.role')}
              data={roles.map((r) => ({
                value: r.key,
                label: r.label ? localized(r.label, locale) : r.name,
              }))}
              value={form.role}
              allowDeselect={false}
              onChange={(v) => v && set('role', v)}
              error={errors.role}
            />
            <TeamSelect
              label={t('settings.users.team')}
              value={form.teamId}
              onChange={(v) => set('teamId', v)}
              error={errors.teamId}
            />
            <UnitSelect
              label={t('settings.users.unit')}
              value={form.unitId}
              onChange={(v) => set('unitId', v)}
              error={errors.unitId}
            />
            <Select
              label={t('common.language')}
              clearable
              placeholder={t('settings.users.languageDefault')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'zh-CN', label: '简体中文' },
              ]}
              value={form.locale}
              onChange={(v) => set('locale', v)}
              error={errors.locale}
            />
          </SimpleGrid>
          <FormErrorAlert error={error} shownFields={Object.keys(form)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
          {!user && (
            <Text size="xs" c="dimmed">
              {t('settings.users.passwordShareHint')}
            </Text>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
