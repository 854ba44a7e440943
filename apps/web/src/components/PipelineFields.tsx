// Stage and pipeline fields show names, not ids, and offer the stages of the deal's own pipeline.
import type { Pipeline } from '@rapport/contracts/apiTypes';
import { Badge, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePipelines, useTeams, useUnits, useUsers } from '../api/catalog';
import { nameOf } from '../i18n/format';
import { useLocale } from './useLocale';

export function stageOf(pipelines: Pipeline[] | undefined, stageId: unknown) {
  for (const p of pipelines ?? []) {
    const s = p.stages.find((x) => x.id === stageId);
    if (s) return { pipeline: p, stage: s };
  }
  return undefined;
}

export function StageName({ id }: { id: unknown }) {
  const pipelines = usePipelines();
  const locale = useLocale();
  const found = stageOf(pipelines.data, id);
  if (!found) return <span>{id ? '…' : '—'}</span>;
  const color = found.stage.kind === 'won' ? 'green' : found.stage.kind === 'lost' ? 'red' : 'blue';
  return (
    <Badge variant="light" color={color} radius="sm" tt="none">
      {nameOf(found.stage, locale)}
    </Badge>
  );
}

export function PipelineName({ id }: { id: unknown }) {
  const pipelines = usePipelines();
  const locale = useLocale();
  const p = pipelines.data?.find((x) => x.id === id);
  return <span>{p ? nameOf(p, locale) : id ? '…' : '—'}</span>;
}

interface SelectCommon {
  label?: string;
  'aria-label'?: string;
  error?: string;
  size?: 'xs' | 'sm' | 'md';
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
  onKeyDown?: (e: React.KeyboardEvent) => void;
}

export function StageSelect({
  value,
  pipelineId,
  onChange,
  ...p
}: SelectCommon & { value: unknown; pipelineId?: unknown; onChange: (v: string | null) => void }) {
  const pipelines = usePipelines();
  const locale = useLocale();
  const list = pipelines.data ?? [];
  const own = list.find((x) => x.id === pipelineId) ?? stageOf(list, value)?.pipeline;
  const groups = (own ? [own] : list).map((pl) => ({
    group: nameOf(pl, locale),
    items: pl.stages.map((s) => ({ value: s.id, label: nameOf(s, locale) })),
  }));
  return (
    <Select
      {...p}
      data={groups}
      value={(value as string) || null}
      onChange={onChange}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function PipelineSelect({
  value,
  onChange,
  ...p
}: SelectCommon & { value: unknown; onChange: (v: string | null) => void }) {
  const pipelines = usePipelines();
  const locale = useLocale();
  return (
    <Select
      {...p}
      data={(pipelines.data ?? []).map((pl) => ({ value: pl.id, label: nameOf(pl, locale) }))}
      value={(value as string) || null}
      onChange={onChange}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function UserSelect({
  value,
  onChange,
  ...p
}: SelectCommon & { value: unknown; onChange: (v: string | null) => void }) {
  const users = useUsers();
  const { t } = useTranslation();
  return (
    <Select
      {...p}
      searchable
      clearable
      nothingFoundMessage={t('common.noMatches')}
      data={(users.data ?? [])
        .filter((u) => u.active !== false || u.id === value)
        .map((u) => ({ value: u.id, label: u.name }))}
      value={(value as string) || null}
      onChange={onChange}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function TeamSelect({
  value,
  onChange,
  ...p
}: SelectCommon & { value: unknown; onChange: (v: string | null) => void }) {
  const teams = useTeams();
  return (
    <Select
      {...p}
      clearable
      searchable
      data={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      value={(value as string) || null}
      onChange={onChange}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function UnitSelect({
  value,
  onChange,
  ...p
}: SelectCommon & { value: unknown; onChange: (v: string | null) => void }) {
  const units = useUnits();
  return (
    <Select
      {...p}
      clearable
      searchable
      data={(units.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
      value={(value as string) || null}
      onChange={onChange}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
