// Company profile and defaults: name, currency, time zone, language, fiscal year start, and how
// long deleted records stay in the recycle bin.
import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meKey } from '../../api/auth';
import { api } from '../../api/client';
import { currencies } from '../../components/FieldInput';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { timeZones } from '../auth/SetupPage';
import { SettingsPanel } from './SettingsPanel';

interface WorkspaceSettings {
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  fiscalYearStartMonth: number;
  recycleBinRetentionDays: number;
}

export function CompanySettings() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api.get<WorkspaceSettings>('/api/v1/workspace'),
  });
  return (
    <SettingsPanel title={t('settings.sections.company')} hint={t('settings.companyHint')}>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <CompanyForm initial={q.data} />
      )}
    </SettingsPanel>
  );
}

function CompanyForm({ initial }: { initial: WorkspaceSettings }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const zones = useMemo(timeZones, []);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const set = <K extends keyof WorkspaceSettings>(k: K, v: WorkspaceSettings[K]) =>
    setForm((f) => ({ ...f, [k]: v }));
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, i, 1)),
    ),
  }));
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const saved = await api.patch<WorkspaceSettings>('/api/v1/workspace', form);
          client.setQueryData(['workspace'], saved);
          await client.invalidateQueries({ queryKey: meKey });
          notifications.show({ color: 'green', message: t('settings.saved') });
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Stack>
        <TextInput
          label={t('setup.company')}
          required
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('setup.currency')}
            data={currencies.includes(form.currency) ? currencies : [form.currency, ...currencies]}
            searchable
            allowDeselect={false}
            value={form.currency}
            onChange={(v) => v && set('currency', v)}
            error={errors.currency}
          />
          <Select
            label={t('setup.timeZone')}
            data={zones}
            searchable
            allowDeselect={false}
            value={form.timeZone}
            onChange={(v) => v && set('timeZone', v)}
            error={errors.timeZone}
          />
          <Select
            label={t('settings.defaultLanguage')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'zh-CN', label: '简体中文' },
            ]}
            allowDeselect={false}
            value={form.locale}
            onChange={(v) => v && set('locale', v)}
            error={errors.locale}
          />
          <Select
            label={t('settings.fiscalYearStart')}
            data={months}
            allowDeselect={false}
            value={String(form.fiscalYearStartMonth)}
            onChange={(v) => v && set('fiscalYearStartMonth', Number(v))}
            error={errors.fiscalYearStartMonth}
          />
          <NumberInput
            label={t('settings.recycleDays')}
            min={1}
            max={3650}
            value={form.recycleBinRetentionDays}
            onChange={(v) => set('recycleBinRetentionDays', Number(v) || 1)}
            error={errors.recycleBinRetentionDays}
          />
        </SimpleGrid>
        <FormErrorAlert error={error} shownFields={Object.keys(form)} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
