// Picks a record of another object (a deal's company, a contact's company) by typing its name;
// the search runs on the server, so it works the same with ten records or a million.
import type { RecordBase } from '@rapport/contracts/apiTypes';
import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useObjectMeta } from '../api/schema';
import { searchRecords, useRecord } from '../api/records';
import { recordTitle } from '../features/records/recordTitle';

interface Common {
  object: string;
  label?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  'aria-label'?: string;
  size?: 'xs' | 'sm' | 'md';
}

function useSearch(object: string, q: string) {
  const [debounced] = useDebouncedValue(q, 200);
  const { meta } = useObjectMeta(object);
  const res = useQuery({
    queryKey: ['picker', object, debounced],
    queryFn: ({ signal }) => searchRecords(object, { filters: [], sort: [], q: debounced }, 15, null, signal),
    staleTime: 30_000,
  });
  const options = useMemo(
    () => (res.data?.data ?? []).map((r: RecordBase) => ({ value: r.id, label: recordTitle(meta, r) })),
    [res.data, meta],
  );
  return { options, loading: res.isFetching, meta };
}

export function RecordPicker({
  value,
  onChange,
  ...p
}: Common & { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { options, meta } = useSearch(p.object, search);
  const current = useRecord(value ? p.object : undefined, value ?? undefined);
  const data = useMemo(() => {
    const list = [...options];
    if (value && current.data && !list.some((o) => o.value === value))
      list.unshift({ value, label: recordTitle(meta, current.data.record) });
    return list;
  }, [options, value, current.data, meta]);
  return (
    <Select
      {...p}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.noMatches')}
      placeholder={p.placeholder ?? t('common.typeToSearch')}
    />
  );
}

export function RecordMultiPicker({
  value,
  onChange,
  ...p
}: Common & { value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { options } = useSearch(p.object, search);
  // Keep labels of chosen records that scrolled out of the current search.
  const [known, setKnown] = useState<Record<string, string>>({});
  const data = useMemo(() => {
    const list = [...options];
    for (const id of value)
      if (!list.some((o) => o.value === id)) list.push({ value: id, label: known[id] ?? id.slice(0, 8) });
    return list;
  }, [options, value, known]);
  return (
    <MultiSelect
      {...p}
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      onChange={(ids) => {
        const labels = { ...known };
        for (const o of data) labels[o.value] = o.label;
        setKnown(labels);
        onChange(ids);
      }}
      nothingFoundMessage={t('common.noMatches')}
      placeholder={value.length ? undefined : (p.placeholder ?? t('common.typeToSearch'))}
    />
  );
}
