// Page layouts: for each object, the sections of its record page and which fields sit in each, in
// order. Fields left out of every section still show under "Other", so nothing is ever hidden by
// a layout (hiding is a permission, set on roles).
import type { PageLayout } from '@rapport/contracts/apiTypes';
import { ActionIcon, Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { schemaKey, useSchema } from '../../api/schema';
import { FormErrorAlert } from '../../components/FormErrors';
import { ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { SettingsPanel } from './SettingsPanel';

interface SectionRow {
  en: string;
  zh: string;
  fields: string[];
}

const system = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

export function LayoutsSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const [object, setObject] = useState<string | null>(null);
  const current = schema.data?.find((o) => o.name === (object ?? schema.data?.[0]?.name));
  return (
    <SettingsPanel title={t('settings.sections.layouts')} hint={t('settings.layouts.hint')}>
      {schema.isPending ? (
        <LoadingState />
      ) : schema.isError ? (
        <ErrorState error={schema.error} onRetry={() => schema.refetch()} />
      ) : (
        <Stack>
          <Select
            label={t('settings.roles.object')}
            data={schema.data.map((o) => ({
              value: o.name,
              label: localized(o.pluralLabel ?? o.label, locale),
            }))}
            value={current?.name ?? null}
            onChange={setObject}
            allowDeselect={false}
            maw={320}
          />
          {current && (
            <LayoutEditor
              key={current.name}
              object={current.name}
              layout={current.layout ?? null}
              fields={current.fields
                .filter((f) => !system.has(f.name))
                .map((f) => ({ value: f.name, label: localized(f.label, locale) }))}
            />
          )}
        </Stack>
      )}
    </SettingsPanel>
  );
}

function LayoutEditor({
  object,
  layout,
  fields,
}: {
  object: string;
  layout: PageLayout | null;
  fields: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [rows, setRows] = useState<SectionRow[]>(() =>
    layout?.sections.length
      ? layout.sections.map((s) => ({
          en: typeof s.label === 'string' ? s.label : (s.label.en ?? ''),
          zh: typeof s.label === 'string' ? s.label : (s.label['zh-CN'] ?? ''),
          fields: s.fields,
        }))
      : [{ en: 'Details', zh: '详细信息', fields: fields.map((f) => f.value) }],
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (i: number, r: Partial<SectionRow>) =>
    setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ...r } : x)));
  const move = (i: number, d: number) =>
    setRows((rs) => {
      const j = i + d;
      if (j < 0 || j >= rs.length) return rs;
      const n = [...rs];
      [n[i], n[j]] = [n[j]!, n[i]!];
      return n;
    });
  const usedElsewhere = (i: number) => new Set(rows.flatMap((r, j) => (j === i ? [] : r.fields)));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/v1/schema/objects/${encodeURIComponent(object)}/layout`, {
        sections: rows.map((r) => ({ label: { en: r.en, 'zh-CN': r.zh || r.en }, fields: r.fields })),
      });
      await client.invalidateQueries({ queryKey: schemaKey });
      notifications.show({ color: 'green', message: t('settings.saved') });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sections are edited by position
        <Paper key={i} withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Group gap="xs" wrap="nowrap">
              <TextInput
                size="xs"
                aria-label={t('settings.layouts.sectionEn', { n: i + 1 })}
                placeholder="English"
                value={r.en}
                onChange={(e) => set(i, { en: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <TextInput
                size="xs"
                aria-label={t('settings.layouts.sectionZh', { n: i + 1 })}
                placeholder="中文"
                value={r.zh}
                onChange={(e) => set(i, { zh: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('list.moveUp', { name: r.en })}
                onClick={() => move(i, -1)}
              >
                <IconArrowUp size={14} />
              </ActionIcon>
              <ActionIcon
                size="sm"
                variant="subtle"
                aria-label={t('list.moveDown', { name: r.en })}
                onClick={() => move(i, 1)}
              >
                <IconArrowDown size={14} />
              </ActionIcon>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label={t('common.remove')}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
            <MultiSelect
              size="xs"
              aria-label={t('settings.layouts.fieldsOf', { n: i + 1 })}
              data={fields.filter((f) => !usedElsewhere(i).has(f.value))}
              value={r.fields}
              onChange={(v) => set(i, { fields: v })}
              searchable
            />
          </Stack>
        </Paper>
      ))}
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconPlus size={14} />}
        onClick={() => setRows([...rows, { en: '', zh: '', fields: [] }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('settings.layouts.addSection')}
      </Button>
      <Text size="xs" c="dimmed">
        {t('settings.layouts.otherHint')}
      </Text>
      <FormErrorAlert error={error} />
      <Group justify="flex-end">
        <Button onClick={save} loading={busy}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
