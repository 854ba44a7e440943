// Roles and permissions: per object a scope for read/create/update/delete (own, team, business
// unit, all), per field hidden or read-only, and the system capabilities. Built-in roles can be
// tuned; new roles start as a copy of one.
import type { Permissions, Scope } from '@rapport/contracts/apiTypes';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSchema } from '../../api/schema';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { SettingsPanel } from './SettingsPanel';
import { type Role, useRoles } from './useRoles';

const scopes: Scope[] = ['none', 'own', 'team', 'unit', 'all'];
const actions = ['read', 'create', 'update', 'delete'] as const;
export const capabilities = [
  'manageUsers',
  'manageSchema',
  'manageWorkflows',
  'manageSettings',
  'importData',
  'exportData',
  'approve',
  'viewReports',
  'manageApiKeys',
] as const;

export function RolesSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const roles = useRoles();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = selected ?? roles.data?.[0]?.key ?? null;
  return (
    <SettingsPanel
      title={t('settings.sections.roles')}
      hint={t('settings.roles.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('settings.roles.add')}
        </Button>
      }
    >
      {roles.isPending ? (
        <LoadingState />
      ) : roles.isError ? (
        <ErrorState error={roles.error} onRetry={() => roles.refetch()} />
      ) : (
        <Stack>
          <Select
            label={t('settings.roles.role')}
            data={roles.data.map((r) => ({
              value: r.key,
              label: `${r.label ? localized(r.label, locale) : r.name}${r.builtIn ? ` (${t('settings.roles.builtIn')})` : ''}`,
            }))}
            value={current}
            onChange={setSelected}
            allowDeselect={false}
            maw={360}
          />
          {current && <RoleEditor key={current} roleKey={current} />}
        </Stack>
      )}
      {creating && (
        <NewRoleModal
          roles={roles.data ?? []}
          onClose={(key) => {
            setCreating(false);
            if (key) setSelected(key);
          }}
        />
      )}
    </SettingsPanel>
  );
}

function RoleEditor({ roleKey }: { roleKey: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['role', roleKey],
    queryFn: () => api.get<Role>(`/api/v1/roles/${encodeURIComponent(roleKey)}`),
  });
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data.permissions) return <Text c="dimmed">{t('errors.generic')}</Text>;
  return <PermissionsForm role={q.data} initial={q.data.permissions} />;
}

function PermissionsForm({ role, initial }: { role: Role; initial: Permissions }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const client = useQueryClient();
  const [perms, setPerms] = useState<Permissions>({ ...initial, fields: initial.fields ?? {} });
  const [fieldObject, setFieldObject] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const objects = ['*', ...(schema.data ?? []).map((o) => o.name)];
  const label = (o: string) =>
    o === '*'
      ? t('settings.roles.default')
      : localized(schema.data?.find((x) => x.name === o)?.pluralLabel ?? o, locale);
  const scopeOf = (o: string, a: (typeof actions)[number]) =>
    perms.objects[o]?.[a] ?? (o === '*' ? 'none' : '');
  const setScope = (o: string, a: (typeof actions)[number], s: string) =>
    setPerms((p) => {
      const cur = { ...(p.objects[o] ?? {}) };
      if (s === '') delete cur[a];
      else cur[a] = s as Scope;
      const objectsNext = { ...p.objects, [o]: cur };
      if (!Object.keys(cur).length) delete objectsNext[o];
      return { ...p, objects: objectsNext };
    });
  const fieldMeta = schema.data?.find((o) => o.name === fieldObject);
  const setFieldRule = (field: string, rule: string) =>
    setPerms((p) => {
      const obj = { ...(p.fields?.[fieldObject!] ?? {}) };
      if (rule === 'write') delete obj[field];
      else obj[field] = rule as 'hidden' | 'readOnly';
      return { ...p, fields: { ...p.fields, [fieldObject!]: obj } };
    });
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/v1/roles/${encodeURIComponent(role.key)}`, { permissions: perms });
      await client.invalidateQueries({ queryKey: ['roles'] });
      await client.invalidateQueries({ queryKey: ['role', role.key] });
      notifications.show({ color: 'green', message: t('settings.saved') });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Title order={3} size="h5">
        {t('settings.roles.objectAccess')}
      </Title>
      <Text size="xs" c="dimmed">
        {t('settings.roles.scopeHint')}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.roles.object')}</Table.Th>
              {actions.map((a) => (
                <Table.Th key={a}>{t(`settings.roles.actions.${a}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {objects.map((o) => (
              <Table.Tr key={o}>
                <Table.Td>{label(o)}</Table.Td>
                {actions.map((a) => (
                  <Table.Td key={a}>
                    <NativeSelect
                      size="xs"
                      aria-label={t('settings.roles.scopeFor', {
                        object: label(o),
                        action: t(`settings.roles.actions.${a}`),
                      })}
                      value={scopeOf(o, a)}
                      onChange={(e) => setScope(o, a, e.currentTarget.value)}
                      data={[
                        ...(o === '*' ? [] : [{ value: '', label: t('settings.roles.inherit') }]),
                        ...scopes.map((s) => ({ value: s, label: t(`settings.roles.scopes.${s}`) })),
                      ]}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={3} size="h5">
        {t('settings.roles.capabilities')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        {capabilities.map((c) => (
          <Checkbox
            key={c}
            label={t(`settings.roles.caps.${c}`)}
            checked={perms.capabilities.includes(c)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setPerms((p) => ({
                ...p,
                capabilities: on ? [...p.capabilities, c] : p.capabilities.filter((x) => x !== c),
              }));
            }}
          />
        ))}
      </SimpleGrid>
      <Title order={3} size="h5">
        {t('settings.roles.fieldAccess')}
      </Title>
      <Select
        label={t('settings.roles.object')}
        data={(schema.data ?? []).map((o) => ({
          value: o.name,
          label: localized(o.pluralLabel ?? o.label, locale),
        }))}
        value={fieldObject}
        onChange={setFieldObject}
        placeholder={t('settings.roles.pickObject')}
        maw={320}
      />
      {fieldMeta && (
        <ScrollArea.Autosize mah={320}>
          <Stack gap={4}>
            {fieldMeta.fields.map((f) => (
              <Group key={f.name} justify="space-between" maw={480}>
                <Text size="sm">{localized(f.label, locale)}</Text>
                <NativeSelect
                  size="xs"
                  aria-label={t('settings.roles.fieldRuleFor', { field: localized(f.label, locale) })}
                  value={perms.fields?.[fieldMeta.name]?.[f.name] ?? 'write'}
                  onChange={(e) => setFieldRule(f.name, e.currentTarget.value)}
                  data={[
                    { value: 'write', label: t('settings.roles.fieldWrite') },
                    { value: 'readOnly', label: t('settings.roles.fieldReadOnly') },
                    { value: 'hidden', label: t('settings.roles.fieldHidden') },
                  ]}
                />
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <FormErrorAlert error={error} />
      <Group justify="space-between">
        {role.userCount !== undefined && (
          <Badge variant="light">{t('settings.roles.userCount', { count: role.userCount })}</Badge>
        )}
        <Button onClick={save} loading={busy}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function NewRoleModal({ roles, onClose }: { roles: Role[]; onClose: (key?: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({ key: '', name: '', en: '', zh: '', copyFrom: 'rep' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  return (
    <Modal opened onClose={() => onClose()} title={t('settings.roles.add')}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const base = await api.get<Role>(`/api/v1/roles/${encodeURIComponent(form.copyFrom)}`);
            await api.post('/api/v1/roles', {
              key: form.key,
              name: form.name,
              label: { en: form.en || form.name, 'zh-CN': form.zh || form.name },
              permissions: base.permissions,
            });
            await client.invalidateQueries({ queryKey: ['roles'] });
            onClose(form.key);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <TextInput
            label={t('settings.roles.key')}
            description={t('settings.roles.keyHint')}
            required
            value={form.key}
            onChange={(e) => setForm({ ...form, key: e.currentTarget.value })}
            error={errors.key}
            autoFocus
          />
          <TextInput
            label={t('settings.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <SimpleGrid cols={2}>
            <TextInput
              label={t('settings.labelEn')}
              value={form.en}
              onChange={(e) => setForm({ ...form, en: e.currentTarget.value })}
              error={errors['label.en']}
            />
            <TextInput
              label={t('settings.labelZh')}
              value={form.zh}
              onChange={(e) => setForm({ ...form, zh: e.currentTarget.value })}
              error={errors['label.zh-CN']}
            />
          </SimpleGrid>
          <Select
            label={t('settings.roles.copyFrom')}
            data={roles.map((r) => ({ value: r.key, label: r.name }))}
            value={form.copyFrom}
            onChange={(v) => v && setForm({ ...form, copyFrom: v })}
            allowDeselect={false}
          />
          <FormErrorAlert error={error} shownFields={['key', 'name', 'label.en', 'label.zh-CN']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!form.key || !form.name}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
