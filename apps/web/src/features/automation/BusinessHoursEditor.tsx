// A sequence's business hours: email steps due outside them wait for the next opening. Shown as one
// line on the sequence's card; edited as on/off, the days, from–to and the time zone (none chosen =
// the workspace's, so a later change of the workspace's zone carries over). Saved as the API's
// `businessHours` ({days: ISO weekdays, start, end, timeZone?} or null for any time).
import { Button, Checkbox, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { useLocale } from '../../components/useLocale';
import { timeZones } from '../auth/SetupPage';
import { type BusinessHours, type Sequence, sequencesKey } from './sequenceTypes';

const weekdays = [1, 2, 3, 4, 5, 6, 7];
const defaultHours: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

/** Short weekday names in the user's language; 2024-01-01 was a Monday. */
function useWeekdayNames() {
  const locale = useLocale();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    return new Map(weekdays.map((d) => [d, f.format(new Date(Date.UTC(2024, 0, d)))]));
  }, [locale]);
}

function useWorkspaceZone() {
  const q = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<{ timeZone: string }>('/api/v1/workspace'),
  });
  return q.data?.timeZone;
}

export function BusinessHoursLine({ hours }: { hours: BusinessHours | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useWeekdayNames();
  const zone = useWorkspaceZone();
  if (!hours)
    return (
      <Text size="sm" c="dimmed">
        {t('automation.sequences.bhAnyTime')}
      </Text>
    );
  return (
    <Text size="sm" c="dimmed">
      {t('automation.sequences.bhSummary', {
        days: hours.days.map((d) => names.get(d)).join(locale.startsWith('zh') ? '、' : ', '),
        start: hours.start,
        end: hours.end,
        zone: hours.timeZone ?? zone ?? '',
      })}
    </Text>
  );
}

export function BusinessHoursEditor({ sequence: s, onDone }: { sequence: Sequence; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const names = useWeekdayNames();
  const zone = useWorkspaceZone();
  const zones = useMemo(timeZones, []);
  const [on, setOn] = useState(s.businessHours !== null);
  const [hours, setHours] = useState<BusinessHours>(s.businessHours ?? defaultHours);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const errors = fieldErrorsOf(error);
  const set = (patch: Partial<BusinessHours>) => setHours((h) => ({ ...h, ...patch }));
  const noDays = on && hours.days.length === 0;
  const badOrder =
    on && /^\d\d:\d\d$/.test(hours.start) && /^\d\d:\d\d$/.test(hours.end) && hours.start >= hours.end;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { timeZone, ...rest } = hours;
      const body = on ? { ...rest, days: [...rest.days].sort(), ...(timeZone ? { timeZone } : {}) } : null;
      await api.patch(`/api/v1/sequences/${encodeURIComponent(s.id)}`, { businessHours: body });
      await client.invalidateQueries({ queryKey: sequencesKey });
      notifications.show({ color: 'green', message: t('automation.sequences.bhSaved', { name: s.name }) });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={600}>
        {t('automation.sequences.businessHours')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('automation.sequences.bhHint')}
      </Text>
      <Switch
        label={t('automation.sequences.bhOn')}
        checked={on}
        onChange={(e) => setOn(e.currentTarget.checked)}
      />
      {on && (
        <>
          <Checkbox.Group
            label={t('automation.sequences.bhDays')}
            value={hours.days.map(String)}
            onChange={(v) => set({ days: v.map(Number) })}
            error={noDays ? t('automation.sequences.bhNoDays') : errors['businessHours.days']}
          >
            <Group gap="sm" mt={4}>
              {weekdays.map((d) => (
                <Checkbox key={d} value={String(d)} label={names.get(d)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group gap="sm" align="flex-start">
            <TextInput
              type="time"
              label={t('automation.sequences.bhStart')}
              value={hours.start}
              onChange={(e) => set({ start: e.currentTarget.value })}
              error={errors['businessHours.start']}
              w={140}
            />
            <TextInput
              type="time"
              label={t('automation.sequences.bhEnd')}
              value={hours.end}
              onChange={(e) => set({ end: e.currentTarget.value })}
              error={badOrder ? t('automation.sequences.bhOrder') : errors['businessHours.end']}
              w={140}
            />
          </Group>
          <Select
            label={t('automation.sequences.bhZone')}
            searchable
            data={[
              { value: '', label: t('automation.sequences.bhWorkspaceZone', { zone: zone ?? '' }) },
              ...zones.map((z) => ({ value: z, label: z })),
            ]}
            value={hours.timeZone ?? ''}
            allowDeselect={false}
            onChange={(v) => set({ timeZone: v || undefined })}
            error={errors['businessHours.timeZone']}
            maw={360}
          />
        </>
      )}
      <FormErrorAlert
        error={error}
        shownFields={[
          'businessHours.days',
          'businessHours.start',
          'businessHours.end',
          'businessHours.timeZone',
        ]}
      />
      <Group gap="xs">
        <Button size="sm" loading={saving} disabled={noDays || badOrder} onClick={save}>
          {t('automation.sequences.bhSave')}
        </Button>
        <Button size="sm" variant="default" disabled={saving} onClick={onDone}>
          {t('automation.sequences.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
