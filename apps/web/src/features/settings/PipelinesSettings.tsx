// Pipelines and their stages: several pipelines per workspace (one per region or product line),
// ordered stages with names in both languages, a win probability, and whether a stage means won
// or lost.
import type { Pipeline } from '@rapport/contracts/apiTypes';
import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePipelines } from '../../api/catalog';
import { api } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { nameOf } from '../../i18n/format';
import { SettingsPanel } from './SettingsPanel';

interface StageRow {
  id?: string;
  en: string;
  zh: string;
  probability: number | null;
  kind: string;
}

const text = (v: unknown, k: 'en' | 'zh-CN') =>
  typeof v === 'string' ? v : ((v as Record<string, string> | undefined)?.[k] ?? '');

export function rowsOf(p: Pipeline | null): StageRow[] {
  if (!p) return [{ en: '', zh: '', probability: 10, kind: 'open' }];
  return p.stages.map((s) => ({
    id: s.id,
    en: text(s.label ?? s.name, 'en') || text(s.name, 'en'),
    zh: text(s.label ?? s.name, 'zh-CN'),
    probability: s.probability ?? null,
    kind: s.kind ?? 'open',
  }));
}

export function PipelinesSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const pipelines = usePipelines();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const list = pipelines.data ?? [];
  const current = selected === 'new' ? null : (list.find((p) => p.id === selected) ?? list[0] ?? null);
  return (
    <SettingsPanel
      title={t('settings.sections.pipelines')}
      hint={t('settings.pipelines.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setSelected('new')}>
          {t('settings.pipelines.add')}
        </Button>
      }
    >
      {pipelines.isPending ? (
        <LoadingState />
      ) : pipelines.isError ? (
        <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : (
        <Stack>
          {list.length > 0 && selected !== 'new' && (
            <Select
              label={t('board.pipeline')}
              data={list.map((p) => ({ value: p.id, label: nameOf(p, locale) }))}
              value={current?.id ?? null}
              onChange={setSelected}
              allowDeselect={false}
              maw={320}
            />
          )}
          {list.length === 0 && selected !== 'new' ? (
            <EmptyState title={t('board.noPipelineTitle')} hint={t('board.noPipelineHint')} />
          ) : (
            <PipelineEditor key={current?.id ?? 'new'} pipeline={current} onSaved={(id) => setSelected(id)} />
          )}
        </Stack>
      )}
    </SettingsPanel>
  );
}

function PipelineEditor({ pipeline, onSaved }: { pipeline: Pipeline | null; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [en, setEn] = useState(text(pipeline?.label ?? pipeline?.name, 'en'));
  const [zh, setZh] = useState(text(pipeline?.label ?? pipeline?.name, 'zh-CN'));
  const [rows, setRows] = useState<StageRow[]>(() => rowsOf(pipeline));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const set = (i: number, r: Partial<StageRow>) =>
    setRows((rs) => rs.map((x, j) => (j === i ? { ...x, ...r } : x)));
  const move = (i: number, d: number) =>
    setRows((rs) => {
      const j = i + d;
      if (j < 0 || j >= rs.length) return rs;
      const n = [...rs];
      [n[i], n[j]] = [n[j]!, n[i]!];
      return n;
    });
  const save = async () => {
    setBusy(true);
    setError(null);
    const body = {
      name: en,
      label: { en, 'zh-CN': zh || en },
      stages: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        name: r.en,
        label: { en: r.en, 'zh-CN': r.zh || r.en },
        probability: r.probability ?? 0,
        kind: r.kind,
      })),
    };
    try {
      const saved = pipeline
        ? await api.patch<Pipeline>(`/api/v1/pipelines/${pipeline.id}`, body)
        : await api.post<Pipeline>('/api/v1/pipelines', body);
      await client.invalidateQueries({ queryKey: ['pipelines'] });
      notifications.show({ color: 'green', message: t('settings.saved') });
      onSaved(saved.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Group grow>
        <TextInput
          label={t('settings.labelEn')}
          required
          value={en}
          onChange={(e) => setEn(e.currentTarget.value)}
          error={errors.name ?? errors['label.en']}
        />
        <TextInput
          label={t('settings.labelZh')}
          value={zh}
          onChange={(e) => setZh(e.currentTarget.value)}
          error={errors['label.zh-CN']}
        />
      </Group>
      <Text size="sm" fw={600}>
        {t('settings.pipelines.stages')}
      </Text>
      <Table.ScrollContainer minWidth={620}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.labelEn')}</Table.Th>
              <Table.Th>{t('settings.labelZh')}</Table.Th>
              <Table.Th>{t('settings.pipelines.probability')}</Table.Th>
              <Table.Th>{t('settings.pipelines.kind')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.id ?? `new-${i}`}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t('settings.pipelines.stageEn', { n: i + 1 })}
                    value={r.en}
                    onChange={(e) => set(i, { en: e.currentTarget.value })}
                    error={errors[`stages.${i}.name`] ?? errors[`stages.${i}.label.en`]}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={t('settings.pipelines.stageZh', { n: i + 1 })}
                    value={r.zh}
                    onChange={(e) => set(i, { zh: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td w={110}>
                  <NumberInput
                    size="xs"
                    aria-label={t('settings.pipelines.probabilityN', { n: i + 1 })}
                    min={0}
                    max={100}
                    suffix="%"
                    value={r.probability ?? ''}
                    onChange={(v) => set(i, { probability: v === '' ? null : Number(v) })}
                    error={errors[`stages.${i}.probability`]}
                  />
                </Table.Td>
                <Table.Td w={130}>
                  <NativeSelect
                    size="xs"
                    aria-label={t('settings.pipelines.kindN', { n: i + 1 })}
                    value={r.kind}
                    onChange={(e) => set(i, { kind: e.currentTarget.value })}
                    data={['open', 'won', 'lost'].map((k) => ({
                      value: k,
                      label: t(`settings.pipelines.kinds.${k as 'open'}`),
                    }))}
                  />
                </Table.Td>
                <Table.Td w={110}>
                  <Group gap={2} wrap="nowrap">
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
                      disabled={rows.length === 1}
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Button
        size="xs"
        variant="subtle"
        leftSection={<IconPlus size={14} />}
        onClick={() => setRows([...rows, { en: '', zh: '', probability: null, kind: 'open' }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('settings.pipelines.addStage')}
      </Button>
      <FormErrorAlert
        error={error}
        shownFields={[
          'name',
          'label.en',
          'label.zh-CN',
          ...rows.flatMap((_, i) => [`stages.${i}.name`, `stages.${i}.label.en`, `stages.${i}.probability`]),
        ]}
      />
      <Group justify="flex-end">
        <Button onClick={save} loading={busy} disabled={!en || rows.some((r) => !r.en)}>
          {t('common.save')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('settings.pipelines.removeHint')}
      </Text>
    </Stack>
  );
}
