// One small form per workflow action type (the server's actionRegistry: createTask, updateField,
// sendEmail, webhook, assignOwner, enrollInSequence, requestApproval). An action is kept as the
// plain object the API takes, so keys this screen has no control for survive an edit; each control
// shows the server's error for its own path (`actions.2.url`).
import type { FieldMeta, ObjectMeta } from '@rapport/contracts/apiTypes';
import { MultiSelect, Select, Stack, Textarea, TextInput, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, dataOf } from '../../api/client';
import { useUsers } from '../../api/catalog';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { mergeExamples } from './messages';

export const actionTypes = [
  'createTask',
  'updateField',
  'sendEmail',
  'webhook',
  'assignOwner',
  'enrollInSequence',
  'requestApproval',
] as const;

export type Action = { type: string } & Record<string, unknown>;

/** A fresh action of a type, with the defaults the server would apply. */
export function newAction(type: string): Action {
  switch (type) {
    case 'createTask':
      return { type, subject: '', dueIn: 'P1D' };
    case 'updateField':
      return { type, field: '', value: '' };
    case 'sendEmail':
      return { type, to: 'record', subject: '', body: '' };
    case 'webhook':
      return { type, url: '' };
    case 'assignOwner':
      return { type, strategy: 'roundRobin', users: [] };
    default:
      return { type };
  }
}

/** The action as sent: optional texts left empty are left out (the server's defaults apply). */
export function cleanAction(a: Action, meta: ObjectMeta | undefined): Action {
  const out: Action = { type: a.type };
  for (const [k, v] of Object.entries(a)) {
    if (k === 'type') continue;
    if (k === 'value' && a.type === 'updateField') {
      out.value = fieldValue(
        meta?.fields.find((f) => f.name === a.field),
        v,
      );
      continue;
    }
    // An empty address stays, so the server says "not an address" rather than mailing the record.
    if ((v === '' && k !== 'to') || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

function fieldValue(f: FieldMeta | undefined, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === '') return null;
  if (f?.type === 'number' && Number.isFinite(Number(t))) return Number(t);
  if (f?.type === 'boolean') return t === 'true';
  if (f?.type === 'multiSelect')
    return t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return t;
}

interface FormProps {
  action: Action;
  index: number;
  meta: ObjectMeta | undefined;
  errors: Record<string, string>;
  onChange: (a: Action) => void;
}

/** The body paths each form shows, so other errors go to the alert above the buttons. */
export function actionPaths(a: Action, i: number): string[] {
  const keys: Record<string, string[]> = {
    createTask: ['subject', 'body', 'dueIn', 'assignTo', 'priority'],
    updateField: ['field', 'value'],
    sendEmail: ['to', 'subject', 'body', 'template'],
    webhook: ['url', 'secret'],
    assignOwner: ['strategy', 'users'],
    enrollInSequence: ['sequenceId'],
    requestApproval: ['processId'],
  };
  return ['', '.type', ...(keys[a.type] ?? []).map((k) => `.${k}`)].map((k) => `actions.${i}${k}`);
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function ActionForm(props: FormProps) {
  switch (props.action.type) {
    case 'createTask':
      return <CreateTaskForm {...props} />;
    case 'updateField':
      return <UpdateFieldForm {...props} />;
    case 'sendEmail':
      return <SendEmailForm {...props} />;
    case 'webhook':
      return <WebhookForm {...props} />;
    case 'assignOwner':
      return <AssignOwnerForm {...props} />;
    case 'enrollInSequence':
      return <EnrollForm {...props} />;
    case 'requestApproval':
      return <ApprovalForm {...props} />;
    default:
      return null;
  }
}

function useField(props: FormProps) {
  const p = `actions.${props.index}`;
  return {
    err: (k: string) => props.errors[`${p}.${k}`],
    set: (k: string, v: unknown) => props.onChange({ ...props.action, [k]: v }),
    get: (k: string) => str(props.action[k]),
  };
}

function MergeHint() {
  const { t } = useTranslation();
  return t('automation.builder.mergeHint', mergeExamples);
}

function CreateTaskForm(props: FormProps) {
  const { t } = useTranslation();
  const { err, set, get } = useField(props);
  return (
    <Stack gap="xs">
      <TextInput
        label={t('automation.builder.subject')}
        description={<MergeHint />}
        value={get('subject')}
        onChange={(e) => set('subject', e.currentTarget.value)}
        error={err('subject')}
      />
      <Textarea
        label={t('automation.builder.body')}
        autosize
        minRows={1}
        maxRows={6}
        value={get('body')}
        onChange={(e) => set('body', e.currentTarget.value)}
        error={err('body')}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('automation.builder.dueIn')}
          description={t('automation.builder.durationHint')}
          value={get('dueIn')}
          onChange={(e) => set('dueIn', e.currentTarget.value)}
          error={err('dueIn')}
        />
        <AssigneeSelect
          value={get('assignTo')}
          onChange={(v) => set('assignTo', v)}
          error={err('assignTo')}
        />
        <Select
          label={t('automation.builder.priority')}
          data={(['low', 'normal', 'high'] as const).map((v) => ({
            value: v,
            label: t(`automation.builder.priority_${v}`),
          }))}
          value={get('priority') || null}
          clearable
          onChange={(v) => set('priority', v ?? '')}
          error={err('priority')}
          comboboxProps={{ withinPortal: false }}
        />
      </Group>
    </Stack>
  );
}

function AssigneeSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const data = [
    { value: 'owner', label: t('automation.builder.recordOwner') },
    { value: 'workflowOwner', label: t('automation.builder.workflowOwner') },
    ...(users.data ?? [])
      .filter((u) => u.active !== false)
      .map((u) => ({ value: `user:${u.id}`, label: u.name })),
  ];
  const v = value && !data.some((d) => d.value === value) ? `user:${value.replace(/^user:/, '')}` : value;
  return (
    <Select
      label={t('automation.builder.assignTo')}
      data={v && !data.some((d) => d.value === v) ? [...data, { value: v, label: v }] : data}
      value={v || 'owner'}
      allowDeselect={false}
      searchable
      onChange={(x) => x && onChange(x === 'owner' ? '' : x)}
      error={error}
      comboboxProps={{ withinPortal: false }}
    />
  );
}

const SYSTEM = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'object']);

function UpdateFieldForm(props: FormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { err, set, get } = useField(props);
  const fields = (props.meta?.fields ?? []).filter((f) => !f.readOnly && !f.hidden && !SYSTEM.has(f.name));
  const field = fields.find((f) => f.name === props.action.field);
  const options = fields.map((f) => ({ value: f.name, label: localized(f.label, locale) }));
  const current = get('field');
  return (
    <Group grow align="flex-start">
      <Select
        label={t('automation.builder.field')}
        data={
          current && !options.some((o) => o.value === current)
            ? [...options, { value: current, label: current }]
            : options
        }
        value={current || null}
        searchable
        onChange={(v) => props.onChange({ ...props.action, field: v ?? '', value: '' })}
        error={err('field')}
        comboboxProps={{ withinPortal: false }}
      />
      {field?.type === 'boolean' ? (
        <Select
          label={t('automation.builder.value')}
          data={[
            { value: 'true', label: t('automation.builder.yes') },
            { value: 'false', label: t('automation.builder.no') },
          ]}
          value={props.action.value === true || get('value') === 'true' ? 'true' : 'false'}
          allowDeselect={false}
          onChange={(v) => set('value', v === 'true')}
          error={err('value')}
          comboboxProps={{ withinPortal: false }}
        />
      ) : field?.type === 'select' && field.options?.length ? (
        <Select
          label={t('automation.builder.value')}
          data={field.options.map((o) => ({ value: o.value, label: localized(o.label, locale) }))}
          value={get('value') || null}
          onChange={(v) => set('value', v ?? '')}
          error={err('value')}
          comboboxProps={{ withinPortal: false }}
        />
      ) : field?.type === 'money' ? (
        <MoneyValue value={props.action.value} onChange={(v) => set('value', v)} error={err('value')} />
      ) : (
        <TextInput
          label={t('automation.builder.value')}
          value={Array.isArray(props.action.value) ? props.action.value.join(', ') : get('value')}
          onChange={(e) => set('value', e.currentTarget.value)}
          error={err('value')}
        />
      )}
    </Group>
  );
}

function MoneyValue({
  value,
  onChange,
  error,
}: {
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const m = value && typeof value === 'object' ? (value as { amount?: string; currency?: string }) : {};
  return (
    <Group grow align="flex-start" gap={6}>
      <TextInput
        label={t('automation.builder.value')}
        value={m.amount ?? ''}
        onChange={(e) => onChange({ ...m, amount: e.currentTarget.value })}
        error={error}
      />
      <TextInput
        label={t('automation.builder.currency')}
        value={m.currency ?? ''}
        maxLength={3}
        onChange={(e) => onChange({ ...m, currency: e.currentTarget.value.toUpperCase() })}
      />
    </Group>
  );
}

function SendEmailForm(props: FormProps) {
  const { t } = useTranslation();
  const { err, set, get } = useField(props);
  const raw = props.action.to;
  const kind = raw === undefined || raw === 'record' ? 'record' : raw === 'owner' ? 'owner' : 'address';
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label={t('automation.builder.to')}
          data={[
            { value: 'record', label: t('automation.builder.toRecord') },
            { value: 'owner', label: t('automation.builder.toOwner') },
            { value: 'address', label: t('automation.builder.toAddress') },
          ]}
          value={kind}
          allowDeselect={false}
          onChange={(v) => set('to', v === 'address' ? '' : v)}
          error={kind !== 'address' ? err('to') : undefined}
          comboboxProps={{ withinPortal: false }}
        />
        {kind === 'address' && (
          <TextInput
            label={t('automation.builder.address')}
            type="email"
            value={get('to')}
            onChange={(e) => set('to', e.currentTarget.value)}
            error={err('to')}
          />
        )}
      </Group>
      <TextInput
        label={t('automation.builder.subject')}
        description={<MergeHint />}
        value={get('subject')}
        onChange={(e) => set('subject', e.currentTarget.value)}
        error={err('subject') ?? err('template')}
      />
      <Textarea
        label={t('automation.builder.body')}
        autosize
        minRows={3}
        maxRows={12}
        value={get('body')}
        onChange={(e) => set('body', e.currentTarget.value)}
        error={err('body')}
      />
    </Stack>
  );
}

function WebhookForm(props: FormProps) {
  const { t } = useTranslation();
  const { err, set, get } = useField(props);
  return (
    <Group grow align="flex-start">
      <TextInput
        label={t('automation.builder.url')}
        placeholder="https://"
        value={get('url')}
        onChange={(e) => set('url', e.currentTarget.value)}
        error={err('url')}
      />
      <TextInput
        label={t('automation.builder.secret')}
        description={t('automation.builder.secretHint')}
        value={get('secret')}
        onChange={(e) => set('secret', e.currentTarget.value)}
        error={err('secret')}
      />
    </Group>
  );
}

function AssignOwnerForm(props: FormProps) {
  const { t } = useTranslation();
  const users = useUsers();
  const { err, set, get } = useField(props);
  const chosen = Array.isArray(props.action.users) ? (props.action.users as string[]) : [];
  const data = (users.data ?? [])
    .filter((u) => u.active !== false)
    .map((u) => ({ value: `user:${u.id}`, label: u.name }));
  const value = chosen.map((u) => (u.startsWith('user:') ? u : `user:${u}`));
  for (const v of value) if (!data.some((d) => d.value === v)) data.push({ value: v, label: v });
  return (
    <Group grow align="flex-start">
      <Select
        label={t('automation.builder.strategy')}
        data={[
          { value: 'roundRobin', label: t('automation.builder.roundRobin') },
          { value: 'user', label: t('automation.builder.oneUser') },
        ]}
        value={get('strategy') || 'roundRobin'}
        allowDeselect={false}
        onChange={(v) => v && set('strategy', v)}
        error={err('strategy')}
        comboboxProps={{ withinPortal: false }}
      />
      <MultiSelect
        label={t('automation.builder.users')}
        data={data}
        value={value}
        searchable
        onChange={(v) => set('users', v)}
        error={err('users') ?? err('users.0')}
        comboboxProps={{ withinPortal: false }}
      />
    </Group>
  );
}

function EnrollForm(props: FormProps) {
  const { t } = useTranslation();
  const { err, set, get } = useField(props);
  const q = useQuery({
    queryKey: ['sequences'],
    queryFn: async () => dataOf(await api.get<{ data: { id: string; name: string }[] }>('/api/v1/sequences')),
  });
  return (
    <Select
      label={t('automation.builder.sequence')}
      data={(q.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      value={get('sequenceId') || null}
      searchable
      onChange={(v) => set('sequenceId', v ?? '')}
      error={err('sequenceId')}
      comboboxProps={{ withinPortal: false }}
    />
  );
}

function ApprovalForm(props: FormProps) {
  const { t } = useTranslation();
  const { err, set, get } = useField(props);
  const object = props.meta?.name;
  const q = useQuery({
    queryKey: ['approval-processes'],
    queryFn: async () =>
      dataOf(
        await api.get<{ data: { id: string; name: string; object: string }[] }>('/api/v1/approval-processes'),
      ),
  });
  return (
    <Select
      label={t('automation.builder.process')}
      data={(q.data ?? [])
        .filter((p) => !object || p.object === object)
        .map((p) => ({ value: p.id, label: p.name }))}
      value={get('processId') || null}
      searchable
      onChange={(v) => set('processId', v ?? '')}
      error={err('processId')}
      comboboxProps={{ withinPortal: false }}
    />
  );
}
