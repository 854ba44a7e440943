// Log a call, meeting or note, or create a task, in one step from a record page or the quick log.
// A call can schedule its follow-up task in the same save. On a failed save the draft stays as
// typed, with the server's message next to the field it names.
import {
  Button,
  Checkbox,
  Chip,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useObjectMeta } from '../../api/schema';
import { fromLocalInput, toLocalInput } from '../../components/FieldInput';
import { FormErrorAlert } from '../../components/FormErrors';
import { useLocale } from '../../components/useLocale';
import { localized, todayIn } from '../../i18n/format';
import {
  type ActivityDraft,
  type ActivityType,
  addDays,
  buildActivities,
  defaultOutcomes,
  emptyDraft,
  type RelatedRef,
} from './activityDraft';
import { saveActivities } from './saveActivities';

export interface ActivityComposerProps {
  relatedTo: RelatedRef[];
  initialType?: ActivityType;
  /** Types offered; the quick log offers a call only. */
  types?: ActivityType[];
  onSaved?: (ids: string[]) => void;
  onCancel?: () => void;
  /** Renders a picker for what the activity is about (quick log); record pages pass it fixed. */
  relatedPicker?: React.ReactNode;
  autoFocus?: boolean;
  /** The quick log proposes the follow-up task by default: the next step is the point of a call. */
  followUpDefault?: boolean;
  /** Quick log manages the related records itself (from its picker). */
  relatedOverride?: RelatedRef[];
  save?: typeof saveActivities;
}

const formFields = ['subject', 'body', 'dueAt', 'outcome'];
const shownFields = [
  ...formFields,
  ...formFields.map((f) => `create.0.${f}`),
  'create.1.subject',
  'create.1.dueAt',
];

/** Batch errors name "create.0.subject"; the form knows "subject" and "followUp.subject". */
export function composerErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const e of err.problem.errors ?? []) {
    const m = /^(?:create\.|\[?)(\d+)\]?\.(.+)$/.exec(e.field);
    const key = m ? (m[1] === '0' ? m[2]! : `followUp.${m[2]}`) : e.field;
    out[key] ??= e.message;
  }
  return out;
}

export function ActivityComposer({
  relatedTo,
  initialType = 'call',
  types = ['call', 'meeting', 'note', 'task'],
  onSaved,
  onCancel,
  relatedPicker,
  autoFocus,
  followUpDefault = false,
  relatedOverride,
  save = saveActivities,
}: ActivityComposerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const client = useQueryClient();
  const tz = me.data?.workspace.timeZone;
  const [draft, setDraft] = useState<ActivityDraft>(() => ({
    ...emptyDraft(initialType, relatedTo, tz),
    followUp: followUpDefault,
  }));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const activities = useObjectMeta('activities');
  const outcomeField = activities.meta?.fields.find((f) => f.name === 'outcome');
  const outcomes = outcomeField?.options?.length
    ? outcomeField.options.map((o) => ({ value: o.value, label: localized(o.label, locale) }))
    : defaultOutcomes.map((o) => ({ value: o, label: t(`composer.outcomes.${o}`) }));
  const set = <K extends keyof ActivityDraft>(k: K, v: ActivityDraft[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const errors = composerErrors(error);
  const related = relatedOverride ?? relatedTo;
  const today = todayIn(tz);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const items = buildActivities({ ...draft, relatedTo: related }, new Date(), {
        followUp: t('composer.followUpDefault'),
        defaultSubject: t(`composer.defaultSubject.${draft.type}`),
      });
      const saved = await save(items);
      await Promise.all([
        client.invalidateQueries({ queryKey: ['timeline'] }),
        client.invalidateQueries({ queryKey: ['records', 'activities'] }),
        client.invalidateQueries({ queryKey: ['myday'] }),
      ]);
      setDraft({ ...emptyDraft(draft.type, relatedTo, tz), followUp: followUpDefault });
      onSaved?.(saved.map((s) => s.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('composer.title')}>
      <Stack gap="sm">
        {types.length > 1 && (
          <SegmentedControl
            aria-label={t('composer.type')}
            value={draft.type}
            onChange={(v) => set('type', v as ActivityType)}
            data={types.map((ty) => ({ value: ty, label: t(`composer.types.${ty}`) }))}
            fullWidth
          />
        )}
        {relatedPicker}
        {draft.type === 'call' && (
          <Chip.Group value={draft.outcome ?? ''} onChange={(v) => set('outcome', (v as string) || null)}>
            <Group gap={6} role="radiogroup" aria-label={t('composer.outcome')}>
              {outcomes.map((o) => (
                <Chip key={o.value} value={o.value} size="sm" radius="sm">
                  {o.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        )}
        {errors.outcome && (
          <Text size="xs" c="red" role="alert">
            {errors.outcome}
          </Text>
        )}
        <TextInput
          label={t('composer.subject')}
          placeholder={t(`composer.defaultSubject.${draft.type}`)}
          value={draft.subject}
          onChange={(e) => set('subject', e.currentTarget.value)}
          error={errors.subject}
          autoFocus={autoFocus}
        />
        <Textarea
          label={draft.type === 'note' ? t('composer.note') : t('composer.notes')}
          autosize
          minRows={2}
          maxRows={8}
          value={draft.body}
          onChange={(e) => set('body', e.currentTarget.value)}
          error={errors.body}
        />
        {(draft.type === 'meeting' || draft.type === 'task') && (
          <TextInput
            type="datetime-local"
            label={draft.type === 'meeting' ? t('composer.when') : t('composer.due')}
            value={toLocalInput(draft.dueAt)}
            onChange={(e) => set('dueAt', fromLocalInput(e.currentTarget.value))}
            error={errors.dueAt}
          />
        )}
        {(draft.type === 'call' || draft.type === 'meeting') && (
          <Stack gap={6}>
            <Checkbox
              label={t('composer.followUp')}
              checked={draft.followUp}
              onChange={(e) => set('followUp', e.currentTarget.checked)}
            />
            {draft.followUp && (
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('composer.followUpSubject')}
                  placeholder={t('composer.followUpDefault')}
                  value={draft.followUpSubject}
                  onChange={(e) => set('followUpSubject', e.currentTarget.value)}
                  error={errors['followUp.subject']}
                  style={{ flex: '1 1 200px' }}
                />
                <TextInput
                  type="date"
                  label={t('composer.followUpDue')}
                  value={draft.followUpDue}
                  onChange={(e) => set('followUpDue', e.currentTarget.value)}
                  error={errors['followUp.dueAt']}
                  w={160}
                />
                <Group gap={4}>
                  {[1, 3, 7].map((n) => (
                    <Button
                      key={n}
                      size="compact-xs"
                      variant={draft.followUpDue === addDays(today, n) ? 'filled' : 'default'}
                      onClick={() => set('followUpDue', addDays(today, n))}
                    >
                      {t('composer.inDays', { count: n })}
                    </Button>
                  ))}
                </Group>
              </Group>
            )}
          </Stack>
        )}
        <FormErrorAlert error={error} shownFields={shownFields} />
        <Group justify="flex-end" gap="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy} disabled={relatedPicker ? related.length === 0 : false}>
            {t(`composer.save.${draft.type}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
