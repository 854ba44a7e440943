// Approval processes (under Settings → Workflows): which object, which records qualify (entry
// criteria), the fields locked while a request is pending, and the approval steps in order — the
// owner's manager, anyone with a role, or one user. Created with POST and changed with PATCH and
// If-Match (a process someone else changed meanwhile is refused, not overwritten).
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, dataOf } from '../../api/client';
import { useUsers } from '../../api/catalog';
import { useSchema } from '../../api/schema';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { useRoles } from '../settings/useRoles';
import {
  ConditionRows,
  type DraftCondition,
  conditionFields,
  listFromDraft,
  listPaths,
  toDraft,
} from './ConditionRows';

export interface ApprovalProcess {
  id: string;
  name: string;
  object: string;
  entryCriteria: unknown[];
  steps: { approver: string }[];
  lockedFields: string[] | null;
  active: boolean;
  version: number;
}

export const processesKey = ['approval-processes'] as const;

export function ApprovalProcessesPanel() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ApprovalProcess | 'new' | null>(null);
  const q = useQuery({
    queryKey: processesKey,
    queryFn: async () => dataOf(await api.get<{ data: ApprovalProcess[] }>('/api/v1/approval-processes')),
  });
  return (
    <Stack gap="sm" component="section" aria-label={t('automation.processes.title')}>
      <Group justify="space-between">
        <div>
          <Text fw={600}>{t('automation.processes.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('automation.processes.hint')}
          </Text>
        </div>
        {editing === null && (
          <Button size="sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('automation.processes.new')}
          </Button>
        )}
      </Group>
      {editing === 'new' && <ProcessForm process={null} onDone={() => setEditing(null)} />}
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 && editing !== 'new' ? (
        <EmptyState title={t('automation.processes.empty')} />
      ) : (
        q.data.map((p) =>
          editing !== null && editing !== 'new' && editing.id === p.id ? (
            <ProcessForm key={p.id} process={p} onDone={() => setEditing(null)} />
          ) : (
            <ProcessCard key={p.id} process={p} onEdit={editing === null ? () => setEditing(p) : undefined} />
          ),
        )
      )}
    </Stack>
  );
}

function useApproverLabel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const users = useUsers();
  const roles = useRoles();
  return (a: string) => {
    if (a === 'ownerManager') return t('automation.processes.ownerManager');
    if (a.startsWith('role:')) {
      const r = roles.data?.find((x) => x.key === a.slice(5));
      const name = r ? (r.label ? localized(r.label, locale) : r.name) : a.slice(5);
      return t('automation.processes.roleNamed', { name });
    }
    return users.data?.find((u) => u.id === a.slice(5))?.name ?? a;
  };
}

function ProcessCard({ process: p, onEdit }: { process: ApprovalProcess; onEdit?: () => void }) {
  const { t } = useTranslation();
  const approver = useApproverLabel();
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={p.name}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>{p.name}</Text>
          <Text size="sm">
            <code>{p.object}</code> ·{' '}
            {t('automation.workflows.conditions', { count: p.entryCriteria.length })}
          </Text>
          <Text size="sm">
            {t('automation.processes.steps')}: {p.steps.map((s) => approver(s.approver)).join(' → ')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('automation.processes.locked')}:{' '}
            {p.lockedFields ? p.lockedFields.join(', ') : t('automation.processes.allFields')}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Badge variant="light" color={p.active ? 'green' : 'gray'} tt="none">
            {p.active ? t('automation.sequences.active') : t('automation.sequences.inactive')}
          </Badge>
          {onEdit && (
            <Button size="compact-sm" variant="subtle" onClick={onEdit}>
              {t('automation.processes.edit')}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

type StepKind = 'ownerManager' | 'role' | 'user';
interface DraftStep {
  kind: StepKind;
  ref: string;
}

const stepOf = (approver: string): DraftStep =>
  approver === 'ownerManager'
    ? { kind: 'ownerManager', ref: '' }
    : approver.startsWith('role:')
      ? { kind: 'role', ref: approver.slice(5) }
      : { kind: 'user', ref: approver.replace(/^user:/, '') };
const approverOf = (s: DraftStep) => (s.kind === 'ownerManager' ? 'ownerManager' : `${s.kind}:${s.ref}`);

function ProcessForm({ process, onDone }: { process: ApprovalProcess | null; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const schema = useSchema();
  const users = useUsers();
  const roles = useRoles();
  const criteria = toDraft(process?.entryCriteria);
  const [name, setName] = useState(process?.name ?? '');
  const [object, setObject] = useState(process?.object ?? 'commitments');
  const [rows, setRows] = useState<DraftCondition[]>(criteria.rows);
  const [groups, setGroups] = useState<DraftCondition[][]>(criteria.groups);
  const [locked, setLocked] = useState<string[]>(process?.lockedFields ?? []);
  const [steps, setSteps] = useState<DraftStep[]>(
    process?.steps.map((s) => stepOf(s.approver)) ?? [{ kind: 'ownerManager', ref: '' }],
  );
  const [active, setActive] = useState(process?.active ?? true);
  // The version this edit is based on; a 412 moves it to the current one, so saving again after
  // checking the changes overwrites knowingly (the stale message says so).
  const [version, setVersion] = useState(process?.version ?? 1);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrorsOf(error);
  const meta: ObjectMeta | undefined = schema.data?.find((o) => o.name === object);
  const fields = conditionFields(meta);
  const shown = [
    'name',
    'object',
    'lockedFields',
    'steps',
    ...listPaths('entryCriteria', rows, groups),
    ...locked.map((_, i) => `lockedFields.${i}`),
    ...steps.map((_, i) => `steps.${i}.approver`),
  ];
  const lockedError = locked.map((_, i) => errors[`lockedFields.${i}`]).find(Boolean) ?? errors.lockedFields;

  const moveStep = (i: number, by: -1 | 1) =>
    setSteps((s) => {
      const j = i + by;
      if (j < 0 || j >= s.length) return s;
      const a = [...s];
      [a[i], a[j]] = [a[j]!, a[i]!];
      return a;
    });

  const save = async () => {
    setSaving(true);
    setError(null);
    const body = {
      name,
      entryCriteria: listFromDraft(rows, groups, fields),
      steps: steps.map((s) => ({ approver: approverOf(s) })),
      lockedFields: locked.length ? locked : null,
      active,
    };
    try {
      if (process)
        await api.patch(`/api/v1/approval-processes/${encodeURIComponent(process.id)}`, body, {
          headers: { 'if-match': `"${version}"` },
        });
      else
        await api.post('/api/v1/approval-processes', {
          ...body,
          object,
          lockedFields: body.lockedFields ?? undefined,
        });
      await client.invalidateQueries({ queryKey: processesKey });
      notifications.show({ color: 'green', message: t('automation.processes.saved', { name }) });
      onDone();
    } catch (err) {
      const current =
        err instanceof ApiError && err.status === 412
          ? (err.problem as { current?: ApprovalProcess }).current
          : undefined;
      if (current) setVersion(current.version);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder radius="md" p="sm">
      <Stack
        gap="xs"
        component="form"
        aria-label={
          process
            ? t('automation.processes.editTitle', { name: process.name })
            : t('automation.processes.new')
        }
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Group grow align="flex-start">
          <TextInput
            label={t('automation.processes.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label={t('automation.builder.object')}
            data={(schema.data ?? []).map((o) => ({
              value: o.name,
              label: localized(o.pluralLabel ?? o.label, locale),
            }))}
            value={object}
            disabled={Boolean(process)}
            description={process ? t('automation.processes.objectFixed') : undefined}
            allowDeselect={false}
            searchable
            onChange={(v) => {
              if (!v) return;
              setObject(v);
              setRows([]);
              setGroups([]);
              setLocked([]);
            }}
            error={errors.object}
            comboboxProps={{ withinPortal: false }}
          />
        </Group>
        <Text size="sm" fw={500}>
          {t('automation.processes.criteria')}
        </Text>
        <ConditionRows
          label={t('automation.processes.criteriaShort')}
          fields={fields}
          rows={rows}
          onChange={setRows}
          groups={groups}
          onGroupsChange={setGroups}
          path="entryCriteria"
          errors={errors}
        />
        <MultiSelect
          label={t('automation.processes.locked')}
          description={t('automation.processes.lockedHint')}
          data={[
            ...(meta?.fields ?? [])
              .filter((f) => !f.hidden)
              .map((f) => ({ value: f.name, label: localized(f.label, locale) })),
            ...locked
              .filter((l) => !meta?.fields.some((f) => f.name === l))
              .map((l) => ({ value: l, label: l })),
          ]}
          value={locked}
          searchable
          onChange={setLocked}
          error={lockedError}
          comboboxProps={{ withinPortal: false }}
        />
        <Text size="sm" fw={500}>
          {t('automation.processes.steps')}
        </Text>
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids
          <Group key={i} gap={6} align="flex-start" wrap="nowrap">
            <Text size="sm" mt={6} w={20}>
              {i + 1}.
            </Text>
            <Select
              aria-label={t('automation.processes.approverN', { n: i + 1 })}
              data={[
                { value: 'ownerManager', label: t('automation.processes.ownerManager') },
                { value: 'role', label: t('automation.processes.aRole') },
                { value: 'user', label: t('automation.processes.aUser') },
              ]}
              value={s.kind}
              allowDeselect={false}
              w={200}
              onChange={(v) =>
                v && setSteps((all) => all.map((x, j) => (j === i ? { kind: v as StepKind, ref: '' } : x)))
              }
              error={s.kind === 'ownerManager' ? errors[`steps.${i}.approver`] : undefined}
              comboboxProps={{ withinPortal: false }}
            />
            {s.kind !== 'ownerManager' && (
              <Select
                aria-label={t(
                  s.kind === 'role' ? 'automation.processes.roleN' : 'automation.processes.userN',
                  { n: i + 1 },
                )}
                data={
                  s.kind === 'role'
                    ? (roles.data ?? []).map((r) => ({
                        value: r.key,
                        label: r.label ? localized(r.label, locale) : r.name,
                      }))
                    : (users.data ?? [])
                        .filter((u) => u.active !== false)
                        .map((u) => ({ value: u.id, label: u.name }))
                }
                value={s.ref || null}
                searchable
                style={{ flex: 1 }}
                onChange={(v) => setSteps((all) => all.map((x, j) => (j === i ? { ...x, ref: v ?? '' } : x)))}
                error={errors[`steps.${i}.approver`]}
                comboboxProps={{ withinPortal: false }}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              disabled={i === 0}
              aria-label={t('automation.processes.moveUp', { n: i + 1 })}
              onClick={() => moveStep(i, -1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              disabled={i === steps.length - 1}
              aria-label={t('automation.processes.moveDown', { n: i + 1 })}
              onClick={() => moveStep(i, 1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={4}
              disabled={steps.length === 1}
              aria-label={t('automation.processes.removeStep', { n: i + 1 })}
              onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.steps && !steps.some((_, i) => errors[`steps.${i}.approver`]) && (
          <Text size="sm" c="red">
            {errors.steps}
          </Text>
        )}
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            disabled={steps.length >= 10}
            onClick={() => setSteps((all) => [...all, { kind: 'role', ref: '' }])}
          >
            {t('automation.processes.addStep')}
          </Button>
        </div>
        <Switch
          label={t('automation.workflows.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <FormErrorAlert error={error} shownFields={shown} />
        <Group gap="xs">
          <Button type="submit" size="sm" loading={saving}>
            {t('automation.processes.save')}
          </Button>
          <Button size="sm" variant="default" disabled={saving} onClick={onDone}>
            {t('automation.builder.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
