// First run on an empty installation: the company, its defaults and the first admin, in one form.
import type { Locale } from '@rapport/contracts/apiTypes';
import {
  Button,
  Checkbox,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { meKey, runSetup, useSetupStatus } from '../../api/auth';
import { currencies } from '../../components/FieldInput';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { changeLocale } from '../../i18n';
import { AuthFrame } from './AuthFrame';

export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [
    'UTC',
    'Asia/Shanghai',
    'Europe/London',
    'America/New_York',
  ];
  return list.includes('UTC') ? list : ['UTC', ...list];
}

export function SetupPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const client = useQueryClient();
  const status = useSetupStatus();
  const zones = useMemo(timeZones, []);
  const [form, setForm] = useState({
    company: '',
    currency: locale === 'zh-CN' ? 'CNY' : 'USD',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    locale: locale as string,
    name: '',
    email: '',
    password: '',
    demo: false,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));

  if (status.isPending) return <LoadingState />;
  if (status.data && !status.data.needed) return <Navigate to="/signin" replace />;

  const errors = fieldErrorsOf(error);
  const tooShort = form.password.length > 0 && form.password.length < 8;
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await runSetup({
        company: form.company.trim(),
        currency: form.currency,
        timeZone: form.timeZone,
        locale: form.locale,
        admin: { name: form.name.trim(), email: form.email.trim(), password: form.password },
        demo: form.demo,
      });
      client.setQueryData(['setup'], { needed: false });
      if (me?.user) client.setQueryData(meKey, me);
      else await client.invalidateQueries({ queryKey: meKey });
      navigate('/my-day', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame>
      <Paper withBorder p="xl" radius="md" w="100%" maw={560} component="form" onSubmit={onSubmit} noValidate>
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('setup.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('setup.intro')}
            </Text>
          </div>
          <TextInput
            label={t('setup.company')}
            required
            autoFocus
            value={form.company}
            onChange={(e) => set('company', e.currentTarget.value)}
            error={errors.company ?? errors.name}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('setup.currency')}
              data={currencies}
              value={form.currency}
              allowDeselect={false}
              searchable
              onChange={(v) => v && set('currency', v)}
              error={errors.currency}
            />
            <Select
              label={t('setup.timeZone')}
              data={zones}
              value={form.timeZone}
              allowDeselect={false}
              searchable
              onChange={(v) => v && set('timeZone', v)}
              error={errors.timeZone}
            />
            <Select
              label={t('setup.language')}
              data={[
                { value: 'en', label: 'English' },
                { value: 'zh-CN', label: '简体中文' },
              ]}
              value={form.locale}
              allowDeselect={false}
              onChange={(v) => {
                if (!v) return;
                set('locale', v);
                void changeLocale(v as Locale);
              }}
              error={errors.locale}
            />
          </SimpleGrid>
          <Divider label={t('setup.adminSection')} labelPosition="left" />
          <TextInput
            label={t('setup.adminName')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors['admin.name']}
          />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors['admin.email']}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="new-password"
            required
            description={t('setup.passwordHint')}
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors['admin.password'] ?? (tooShort ? t('setup.passwordHint') : undefined)}
          />
          <Checkbox
            label={t('setup.demo')}
            description={t('setup.demoHint')}
            checked={form.demo}
            onChange={(e) => set('demo', e.currentTarget.checked)}
          />
          <FormErrorAlert
            error={error}
            shownFields={[
              'company',
              'name',
              'currency',
              'timeZone',
              'locale',
              'admin.name',
              'admin.email',
              'admin.password',
            ]}
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={busy}
              disabled={!form.company || !form.name || !form.email || form.password.length < 8}
            >
              {t('setup.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </AuthFrame>
  );
}
