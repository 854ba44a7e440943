// Builds or edits one workflow without writing JSON: its name, the object and trigger (a record
// created or changed, with conditions on the new values and, for a change, on the old ones — a
// threshold crossing; a stage change; a date reached with an offset in days; a cron schedule) and
// its ordered actions, each with its own form. Saved with POST or PATCH /api/v1/workflows; the
// server's field errors appear at the control they name and nothing typed is lost on a refusal.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { useSchema } from '../../api/schema';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { type Action, ActionForm, actionPaths, actionTypes, cleanAction, newAction } from './ActionForms';
import { useKeptState } from './keptState';
import { automationEn } from './messages';
import { type WorkflowTemplateKey, workflowTemplate, workflowTemplateKeys } from './workflowTemplates';
import {
  ConditionRows,
  type DraftCondition,
  conditionFields,
  listFromDraft,
  listPaths,
  toDraft,
} from './ConditionRows';

export interface WorkflowInput {
  id: string;
  /** The version the edit starts from, sent as If-Match. */
  version?: number;
  name: string;
  description: string | null;
  active: boolean;
  trigger: {
    event: string;
    object?: string;
    when?: unknown[];
    previously?: unknown[];
    field?: string;
    offset?: string;
    schedule?: string | { cron: string; timeZone?: string };
  };
  actions: Action[];
}

const mainEvents = [
  'record.created',
  'record.updated',
  'record.deleted',
  'stage.changed',
  'date.reached',
  'schedule',
];
const otherEvents = [
  'record.restored',
  'lead.converted',
  'email.received',
  'form.submitted',
  'approval.submitted',
  'approval.decided',
  'sequence.completed',
  'email.unsubscribed',
  'email.bounced',
  'workflow.failed',
];
type EventKey = keyof typeof automationEn.events;
type ActionKey = keyof typeof automationEn.actionTypes;
const RECORD_EVENTS = new Set(['record.created', 'record.updated', 'record.deleted', 'record.restored']);

/** "-P30D" ⇄ -30: whole days only; anything else (PT2H, P1M) is kept and edited as text. */
export function offsetDays(offset: string | undefined): number | null {
  const m = /^([+-])?P(\d+)D$/.exec(offset ?? 'P0D');
  return m ? (m[1] === '-' ? -1 : 1) * Number(m[2]) : null;
}
export const daysOffset = (n: number) => (n < 0 ? `-P${-n}D` : `P${n}D`);

interface Draft {
  name: string;
  description: string;
  active: boolean;
  event: string;
  object: string;
  when: DraftCondition[];
  previously: DraftCondition[];
  /** "Any of" groups (`{ or: [...] }`), AND-ed with the rows. */
  whenGroups: DraftCondition[][];
  previouslyGroups: DraftCondition[][];
  field: string;
  offset: string;
  cron: string;
  timeZone: string;
  actions: Action[];
  /** The template this new workflow started from, if any (not sent). */
  template?: WorkflowTemplateKey;
}

function draftOf(w: Omit<WorkflowInput, 'id'> | null): Draft {
  const t = w?.trigger;
  const when = toDraft(t?.when);
  const previously = toDraft(t?.previously);
  const sched = typeof t?.schedule === 'string' ? { cron: t.schedule } : t?.schedule;
  return {
    name: w?.name ?? '',
    description: w?.description ?? '',
    active: w?.active ?? true,
    event: t?.event ?? 'record.updated',
    object: t?.object ?? (t?.event === 'stage.changed' ? 'deals' : ''),
    when: when.rows,
    previously: previously.rows,
    whenGroups: when.groups,
    previouslyGroups: previously.groups,
    field: t?.field ?? '',
    offset: t?.offset ?? 'P0D',
    cron: sched?.cron ?? '',
    timeZone: sched?.timeZone ?? '',
    actions: w?.actions.length ? w.actions : [newAction('createTask')],
  };
}

function bodyOf(d: Draft, meta: ObjectMeta | undefined) {
  const fields = conditionFields(meta, d.event === 'stage.changed');
  const when = listFromDraft(d.when, d.whenGroups, fields);
  const previously = listFromDraft(d.previously, d.previouslyGroups, fields);
  const trigger: Record<string, unknown> = { event: d.event };
  if (d.object) trigger.object = d.object;
  if (when.length) trigger.when = when;
  if (previously.length && d.event === 'record.updated') trigger.previously = previously;
  if (d.event === 'date.reached') {
    trigger.field = d.field;
    trigger.offset = d.offset;
  }
  if (d.event === 'schedule')
    trigger.schedule = d.timeZone.trim()
      ? { cron: d.cron.trim(), timeZone: d.timeZone.trim() }
      : d.cron.trim();
  return {
    name: d.name,
    description: d.description.trim() ? d.description : undefined,
    active: d.active,
    trigger,
    actions: d.actions.map((a) => cleanAction(a, meta)),
  };
}

const templateName = {
  renewal: 'automation.templates.renewalName',
  stageNotify: 'automation.templates.stageName',
  leadScore: 'automation.templates.scoreName',
} as const;

export function WorkflowBuilder({
  workflow,
  onDone,
}: {
  /** null: a new workflow. */
  workflow: WorkflowInput | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const schema = useSchema();
  // The draft outlives this component (see keptState): a remount mid-edit keeps what was typed.
  const draftKey = `workflows.draft.${workflow?.id ?? 'new'}`;
  const [d, setD, clearDraft] = useKeptState<Draft>(draftKey, () => draftOf(workflow));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // The version this edit is based on; a 412 moves it to the current one, so saving again after
  // checking the changes overwrites knowingly (the stale message says so), as processes do.
  const [version, setVersion, clearVersion] = useKeptState(`${draftKey}.version`, () => workflow?.version);
  const done = () => {
    clearDraft();
    clearVersion();
    onDone();
  };
  const errors = fieldErrorsOf(error);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const objectName = d.event === 'stage.changed' ? 'deals' : d.object;
  const meta = schema.data?.find((o) => o.name === objectName);
  const fields = conditionFields(meta, d.event === 'stage.changed');
  const label = (e: string) => {
    const k = e.replace('.', '_');
    return k in automationEn.events ? t(`automation.events.${k as EventKey}`) : e;
  };
  const eventData = [...mainEvents, ...otherEvents].map((e) => ({ value: e, label: label(e) }));
  if (!eventData.some((e) => e.value === d.event)) eventData.push({ value: d.event, label: d.event });
  const dateFields = (meta?.fields ?? []).filter((f) => f.type === 'date' || f.type === 'dateTime');
  const days = offsetDays(d.offset);

  const shown = [
    'name',
    'description',
    'trigger.event',
    'trigger.object',
    'trigger.field',
    'trigger.offset',
    'trigger.schedule',
    ...listPaths('trigger.when', d.when, d.whenGroups),
    ...listPaths('trigger.previously', d.previously, d.previouslyGroups),
    ...d.actions.flatMap((a, i) => actionPaths(a, i)),
  ];

  const moveAction = (i: number, by: -1 | 1) =>
    setD((x) => {
      const a = [...x.actions];
      const j = i + by;
      if (j < 0 || j >= a.length) return x;
      [a[i], a[j]] = [a[j]!, a[i]!];
      return { ...x, actions: a };
    });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const body = bodyOf(d, meta);
      const saved = workflow
        ? await api.patch<{ name: string }>(
            `/api/v1/workflows/${encodeURIComponent(workflow.id)}`,
            { ...body, description: body.description ?? null },
            version !== undefined ? { headers: { 'if-match': `"${version}"` } } : undefined,
          )
        : await api.post<{ name: string }>('/api/v1/workflows', body);
      await client.invalidateQueries({ queryKey: ['workflows'] });
      notifications.show({ color: 'green', message: t('automation.builder.saved', { name: saved.name }) });
      done();
    } catch (err) {
      const current =
        err instanceof ApiError && err.status === 412
          ? (err.problem as { current?: { version: number } }).current
          : undefined;
      if (current) setVersion(current.version);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack
      gap="sm"
      component="form"
      aria-label={
        workflow
          ? t('automation.builder.editTitle', { name: workflow.name })
          : t('automation.builder.newTitle')
      }
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!workflow && (
        <Select
          label={t('automation.templates.pick')}
          description={t('automation.templates.pickHint')}
          data={[
            { value: '', label: t('automation.templates.blank') },
            ...workflowTemplateKeys.map((k) => ({ value: k, label: t(templateName[k]) })),
          ]}
          value={d.template ?? ''}
          allowDeselect={false}
          disabled={!schema.data}
          onChange={(v) => {
            const key = workflowTemplateKeys.find((k) => k === v);
            setError(null);
            setD(key ? { ...draftOf(workflowTemplate(key, t, schema.data)), template: key } : draftOf(null));
          }}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      {d.template === 'renewal' && !(d.object && d.field) && (
        <Text size="sm" c="orange.9">
          {t('automation.templates.renewalNeedsObject')}
        </Text>
      )}
      <Group grow align="flex-start">
        <TextInput
          label={t('automation.builder.name')}
          required
          value={d.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errors.name}
        />
        <Switch
          mt={28}
          label={t('automation.workflows.active')}
          checked={d.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
      </Group>
      <Textarea
        label={t('automation.builder.description')}
        autosize
        minRows={1}
        maxRows={4}
        value={d.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
      />

      <Paper withBorder radius="sm" p="sm" component="fieldset">
        <Text component="legend" size="sm" fw={600}>
          {t('automation.workflows.trigger')}
        </Text>
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label={t('automation.builder.event')}
              data={eventData}
              value={d.event}
              allowDeselect={false}
              onChange={(v) => v && set({ event: v, ...(v === 'stage.changed' ? { object: 'deals' } : {}) })}
              error={errors['trigger.event']}
              comboboxProps={{ withinPortal: false }}
            />
            <Select
              label={t('automation.builder.object')}
              data={(schema.data ?? []).map((o) => ({
                value: o.name,
                label: localized(o.pluralLabel ?? o.label, locale),
              }))}
              value={objectName || null}
              disabled={d.event === 'stage.changed'}
              clearable={!RECORD_EVENTS.has(d.event) && d.event !== 'date.reached'}
              searchable
              onChange={(v) =>
                set({
                  object: v ?? '',
                  when: [],
                  previously: [],
                  whenGroups: [],
                  previouslyGroups: [],
                  field: '',
                })
              }
              error={errors['trigger.object']}
              comboboxProps={{ withinPortal: false }}
            />
          </Group>
          {d.event === 'date.reached' && (
            <Group grow align="flex-start">
              <Select
                label={t('automation.builder.dateField')}
                data={dateFields.map((f) => ({ value: f.name, label: localized(f.label, locale) }))}
                value={d.field || null}
                onChange={(v) => set({ field: v ?? '' })}
                error={errors['trigger.field']}
                comboboxProps={{ withinPortal: false }}
              />
              {days !== null ? (
                <NumberInput
                  label={t('automation.builder.offsetDays')}
                  description={t('automation.builder.offsetHint')}
                  value={days}
                  allowDecimal={false}
                  min={-3650}
                  max={3650}
                  onChange={(v) => set({ offset: daysOffset(typeof v === 'number' ? v : Number(v) || 0) })}
                  error={errors['trigger.offset']}
                />
              ) : (
                <TextInput
                  label={t('automation.builder.offset')}
                  description={t('automation.builder.durationHint')}
                  value={d.offset}
                  onChange={(e) => set({ offset: e.currentTarget.value })}
                  error={errors['trigger.offset']}
                />
              )}
            </Group>
          )}
          {d.event === 'schedule' && (
            <Group grow align="flex-start">
              <TextInput
                label={t('automation.builder.cron')}
                description={t('automation.builder.cronHint')}
                placeholder="0 9 * * 1"
                value={d.cron}
                onChange={(e) => set({ cron: e.currentTarget.value })}
                error={errors['trigger.schedule']}
              />
              <TextInput
                label={t('automation.builder.timeZone')}
                description={t('automation.builder.timeZoneHint')}
                placeholder="Asia/Shanghai"
                value={d.timeZone}
                onChange={(e) => set({ timeZone: e.currentTarget.value })}
              />
            </Group>
          )}
          {objectName && (
            <>
              <Text size="sm" fw={500}>
                {t('automation.builder.when')}
              </Text>
              <ConditionRows
                label={t('automation.builder.whenShort')}
                fields={fields}
                rows={d.when}
                onChange={(when) => set({ when })}
                groups={d.whenGroups}
                onGroupsChange={(whenGroups) => set({ whenGroups })}
                path="trigger.when"
                errors={errors}
              />
            </>
          )}
          {d.event === 'record.updated' && objectName && (
            <>
              <Text size="sm" fw={500}>
                {t('automation.builder.previously')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('automation.builder.previouslyHint')}
              </Text>
              <ConditionRows
                label={t('automation.builder.previouslyShort')}
                fields={fields}
                rows={d.previously}
                onChange={(previously) => set({ previously })}
                groups={d.previouslyGroups}
                onGroupsChange={(previouslyGroups) => set({ previouslyGroups })}
                path="trigger.previously"
                errors={errors}
              />
            </>
          )}
        </Stack>
      </Paper>

      {d.actions.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: actions are an ordered list without ids
        <Paper key={i} withBorder radius="sm" p="sm" component="fieldset">
          <Text component="legend" size="sm" fw={600}>
            {t('automation.builder.actionN', { n: i + 1 })}
          </Text>
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Select
                label={t('automation.builder.actionType')}
                data={[...actionTypes, ...(actionTypes.includes(a.type as never) ? [] : [a.type])].map(
                  (v) => ({
                    value: v,
                    label: v in automationEn.actionTypes ? t(`automation.actionTypes.${v as ActionKey}`) : v,
                  }),
                )}
                value={a.type}
                allowDeselect={false}
                onChange={(v) =>
                  v &&
                  v !== a.type &&
                  setD((x) => ({ ...x, actions: x.actions.map((y, j) => (j === i ? newAction(v) : y)) }))
                }
                error={errors[`actions.${i}.type`] ?? errors[`actions.${i}`]}
                comboboxProps={{ withinPortal: false }}
                style={{ flex: 1 }}
              />
              <Group gap={2} mt={24} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={i === 0}
                  aria-label={t('automation.builder.moveUp', { n: i + 1 })}
                  onClick={() => moveAction(i, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={i === d.actions.length - 1}
                  aria-label={t('automation.builder.moveDown', { n: i + 1 })}
                  onClick={() => moveAction(i, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  disabled={d.actions.length === 1}
                  aria-label={t('automation.builder.removeAction', { n: i + 1 })}
                  onClick={() => setD((x) => ({ ...x, actions: x.actions.filter((_, j) => j !== i) }))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
            <ActionForm
              action={a}
              index={i}
              meta={meta}
              errors={errors}
              onChange={(na) => setD((x) => ({ ...x, actions: x.actions.map((y, j) => (j === i ? na : y)) }))}
            />
          </Stack>
        </Paper>
      ))}
      <div>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          disabled={d.actions.length >= 20}
          onClick={() => set({ actions: [...d.actions, newAction('createTask')] })}
        >
          {t('automation.builder.addAction')}
        </Button>
      </div>
      <FormErrorAlert error={error} shownFields={shown} />
      <Group gap="xs">
        <Button type="submit" size="sm" loading={saving}>
          {t('automation.builder.save')}
        </Button>
        <Button size="sm" variant="default" disabled={saving} onClick={done}>
          {t('automation.builder.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
