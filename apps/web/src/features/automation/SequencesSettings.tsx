// /settings/sequences — the nurture cadences of the workspace: create one from a ready template
// (the R17 "nurture" cadence), see and edit its steps — add, reorder, remove, change type, wait and
// texts with merge fields (server field errors next to each field) — and list its enrolments with
// their next step and when, pausing or resuming each; set the business hours its emails keep.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { LocalizedText } from '@rapport/contracts/apiTypes';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { SettingsPanel } from '../settings/SettingsPanel';
import { BusinessHoursEditor, BusinessHoursLine } from './BusinessHoursEditor';
import { type DelayUnit, delayUnits, formatDelay, parseDelay } from './delay';
import { mergeExamples } from './messages';
import { SequenceEnrollments } from './SequenceEnrollments';
import { type Sequence, type Step, type StepType, sequencesKey, stepTypes, typeKey } from './sequenceTypes';

interface Template {
  key: string;
  name: LocalizedText;
  description: LocalizedText;
  steps: Step[];
}

export { sequencesKey };

export function SequencesSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [creating, setCreating] = useState<string | null>(null);
  const q = useQuery({
    queryKey: sequencesKey,
    queryFn: () => api.get<{ data: Sequence[] }>('/api/v1/sequences').then((b) => b.data),
  });
  const templates = useQuery({
    queryKey: ['sequence-templates'],
    queryFn: () => api.get<{ data: Template[] }>('/api/v1/sequence-templates').then((b) => b.data),
  });

  const create = async (tpl: Template) => {
    setCreating(tpl.key);
    try {
      const s = await api.post<Sequence>('/api/v1/sequences', { template: tpl.key });
      await client.invalidateQueries({ queryKey: sequencesKey });
      notifications.show({ color: 'green', message: t('automation.sequences.created', { name: s.name }) });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    } finally {
      setCreating(null);
    }
  };

  const actions = templates.data?.length ? (
    <Group gap="xs">
      {templates.data.map((tpl) => (
        <Button
          key={tpl.key}
          size="sm"
          loading={creating === tpl.key}
          title={localized(tpl.description, locale)}
          onClick={() => create(tpl)}
        >
          {t('automation.sequences.createFrom', { name: localized(tpl.name, locale) })}
        </Button>
      ))}
    </Group>
  ) : undefined;

  return (
    <SettingsPanel
      title={t('settings.sections.sequences')}
      hint={t('automation.sequences.hint')}
      actions={actions}
    >
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <EmptyState title={t('automation.sequences.empty')} hint={t('automation.sequences.emptyHint')} />
        </Paper>
      ) : (
        q.data.map((s) => <SequenceCard key={s.id} sequence={s} />)
      )}
    </SettingsPanel>
  );
}

function SequenceCard({ sequence: s }: { sequence: Sequence }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [editingHours, setEditingHours] = useState(false);
  const [showEnrollments, setShowEnrollments] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={s.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600}>{s.name}</Text>
            {s.description && (
              <Text size="sm" c="dimmed">
                {s.description}
              </Text>
            )}
          </div>
          <Badge variant="light" color={s.active ? 'green' : 'gray'} tt="none">
            {s.active ? t('automation.sequences.active') : t('automation.sequences.inactive')}
          </Badge>
        </Group>
        {editing ? (
          <StepsEditor sequence={s} onDone={() => setEditing(false)} />
        ) : (
          <StepsTable steps={s.steps} />
        )}
        {editingHours ? (
          <BusinessHoursEditor sequence={s} onDone={() => setEditingHours(false)} />
        ) : (
          <BusinessHoursLine hours={s.businessHours} />
        )}
        <Group gap="xs">
          {!editing && (
            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
              {t('automation.sequences.editSteps')}
            </Button>
          )}
          {!editingHours && (
            <Button size="compact-sm" variant="subtle" onClick={() => setEditingHours(true)}>
              {t('automation.sequences.bhEdit')}
            </Button>
          )}
          <Button size="compact-sm" variant="subtle" onClick={() => setShowEnrollments((v) => !v)}>
            {showEnrollments
              ? t('automation.sequences.hideEnrollments')
              : t('automation.sequences.enrollments')}
          </Button>
        </Group>
        {showEnrollments && <SequenceEnrollments sequenceId={s.id} />}
      </Stack>
    </Paper>
  );
}

const unitKey = {
  minutes: 'automation.sequences.unitMinutes',
  hours: 'automation.sequences.unitHours',
  days: 'automation.sequences.unitDays',
} as const;
const amountKey = {
  minutes: 'automation.sequences.delayMinutes',
  hours: 'automation.sequences.delayHours',
  days: 'automation.sequences.delayDays',
} as const;

/** "1.5 days", "2 hours", "At once"; a wait with no number form as the duration itself. */
function useDelayLabel() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (iso: string) => {
    const d = parseDelay(iso);
    if (!d) return iso;
    if (d.amount === 0) return t('automation.sequences.delayNow');
    return t(amountKey[d.unit], { count: d.amount, amount: d.amount.toLocaleString(locale) });
  };
}

/**
 * The wait of a step as a number and a unit, written to the step as ISO 8601 (see delay.ts). The
 * unit picked stays while typing (0.5 days is not turned into 12 hours under the user's hands);
 * a stored wait with no exact number form is edited as the text it is.
 */
function DelayInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (iso: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  // What the user typed and the ISO it gave: shown while the step still holds that ISO.
  const [typed, setTyped] = useState<{ amount: number | ''; unit: DelayUnit; iso: string } | null>(null);
  const parsed = parseDelay(value);
  const shown = typed && typed.iso === value ? typed : parsed;
  if (!shown)
    return (
      <TextInput
        label={t('automation.sequences.delayCustom')}
        description={t('automation.sequences.delayCustomHint')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    );
  const write = (amount: number | '', unit: DelayUnit) => {
    const iso = amount === '' ? '' : (formatDelay({ amount, unit }) ?? '');
    setTyped({ amount, unit, iso });
    onChange(iso);
  };
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <NumberInput
          label={t('automation.sequences.delay')}
          value={shown.amount}
          min={0}
          allowNegative={false}
          allowDecimal={shown.unit !== 'minutes'}
          decimalScale={2}
          max={shown.unit === 'minutes' ? 5_256_000 : shown.unit === 'hours' ? 87_600 : 3650}
          onChange={(v) => write(typeof v === 'number' ? v : v === '' ? '' : Number(v), shown.unit)}
          error={error ?? (shown.amount === '' ? t('automation.sequences.delayInvalid') : undefined)}
          style={{ flex: 1 }}
        />
        <Select
          label={t('automation.sequences.delayUnit')}
          data={delayUnits.map((u) => ({ value: u, label: t(unitKey[u]) }))}
          value={shown.unit}
          allowDeselect={false}
          w={120}
          onChange={(u) => {
            if (!u || u === shown.unit) return;
            const unit = u as DelayUnit;
            // The number stays (3 days → 3 hours); minutes take whole numbers only.
            const a = shown.amount === '' ? '' : unit === 'minutes' ? Math.round(shown.amount) : shown.amount;
            write(a, unit);
          }}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('automation.sequences.delayHint')}
      </Text>
    </Stack>
  );
}

function StepsTable({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  const delayLabel = useDelayLabel();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label={t('automation.sequences.steps')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('automation.sequences.type')}</Table.Th>
            <Table.Th>{t('automation.sequences.delay')}</Table.Th>
            <Table.Th>{t('automation.sequences.subject')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((step, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" tt="none">
                  {t(typeKey[step.type])}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={step.delay}>
                  {delayLabel(step.delay)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{step.subject}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StepsEditor({ sequence: s, onDone }: { sequence: Sequence; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [steps, setSteps] = useState<Step[]>(s.steps);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrorsOf(error);
  const shown = steps.flatMap((_, i) => ['type', 'delay', 'subject', 'body'].map((f) => `steps.${i}.${f}`));

  const change = (i: number, patch: Partial<Step>) =>
    setSteps((all) => all.map((step, j) => (j === i ? { ...step, ...patch } : step)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((all) => {
      const j = i + by;
      if (j < 0 || j >= all.length) return all;
      const next = [...all];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/api/v1/sequences/${encodeURIComponent(s.id)}`, { steps });
      await client.invalidateQueries({ queryKey: sequencesKey });
      notifications.show({ color: 'green', message: t('automation.sequences.saved', { name: s.name }) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm">
      {steps.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered list without ids
        <Paper key={i} withBorder radius="sm" p="sm" component="fieldset">
          <Text component="legend" size="sm" fw={600}>
            {t('automation.sequences.stepN', { n: i + 1 })}
          </Text>
          <Stack gap="xs">
            <Group gap={2} justify="flex-end">
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={i === 0}
                aria-label={t('automation.sequences.moveUp', { n: i + 1 })}
                onClick={() => move(i, -1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={i === steps.length - 1}
                aria-label={t('automation.sequences.moveDown', { n: i + 1 })}
                onClick={() => move(i, 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={steps.length === 1}
                aria-label={t('automation.sequences.removeStep', { n: i + 1 })}
                onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group grow align="flex-start">
              <Select
                label={t('automation.sequences.type')}
                data={stepTypes.map((v) => ({ value: v, label: t(typeKey[v]) }))}
                value={step.type}
                allowDeselect={false}
                onChange={(v) => v && change(i, { type: v as StepType })}
                error={errors[`steps.${i}.type`]}
              />
              <DelayInput
                value={step.delay}
                onChange={(delay) => change(i, { delay })}
                error={errors[`steps.${i}.delay`]}
              />
            </Group>
            <TextInput
              label={t('automation.sequences.subject')}
              description={t('automation.builder.mergeHint', mergeExamples)}
              value={step.subject}
              onChange={(e) => change(i, { subject: e.currentTarget.value })}
              error={errors[`steps.${i}.subject`]}
            />
            <Textarea
              label={t('automation.sequences.body')}
              autosize
              minRows={2}
              maxRows={10}
              value={step.body ?? ''}
              onChange={(e) => change(i, { body: e.currentTarget.value })}
              error={errors[`steps.${i}.body`]}
            />
          </Stack>
        </Paper>
      ))}
      <div>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          disabled={steps.length >= 30}
          onClick={() => setSteps((all) => [...all, { type: 'task', delay: 'P1D', subject: '' }])}
        >
          {t('automation.sequences.addStep')}
        </Button>
      </div>
      <FormErrorAlert error={error} shownFields={shown} />
      <Group gap="xs">
        <Button size="sm" loading={saving} onClick={save}>
          {t('automation.sequences.save')}
        </Button>
        <Button size="sm" variant="default" disabled={saving} onClick={onDone}>
          {t('automation.sequences.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
