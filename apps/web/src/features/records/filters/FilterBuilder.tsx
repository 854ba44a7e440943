// Builds a list of conditions ("Amount ≥ 5,000", "Stage is any of …") for any object from its field
// metadata, custom fields included. Edits stay a draft until "Apply", so a half-typed condition
// never fires a query; only complete conditions leave the builder.
import type { FieldMeta, Filter, FilterOp, ListFilter, ObjectMeta } from '@rapport/contracts/apiTypes';
import { isGroup } from '@rapport/contracts/apiTypes';
import { ActionIcon, Button, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RecordPicker } from '../../../components/RecordPicker';
import { useLocale } from '../../../components/useLocale';
import { localized } from '../../../i18n/format';
import { defaultFilter, isComplete, needsNoValue, opsFor, valueForOp } from './filterModel';

export interface FilterBuilderProps {
  meta: ObjectMeta;
  value: ListFilter[];
  onApply: (filters: ListFilter[]) => void;
  onCancel?: () => void;
}

export function filterableFields(meta: ObjectMeta): FieldMeta[] {
  return meta.fields.filter(
    (f) => !f.hidden && f.filterable !== false && f.name !== 'id' && f.name !== 'version',
  );
}

export function FilterBuilder({ meta, value, onApply, onCancel }: FilterBuilderProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<ListFilter[]>(value);
  const fields = filterableFields(meta);
  const fieldOptions = fields.map((f) => ({ value: f.name, label: localized(f.label, locale) }));
  const update = (i: number, f: ListFilter) => setDraft((d) => d.map((x, j) => (j === i ? f : x)));
  const incomplete = draft.some((f) => !isComplete(f));

  return (
    <Stack gap="xs" role="group" aria-label={t('filters.title')}>
      {draft.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('filters.none')}
        </Text>
      )}
      {draft.map((f, i) => {
        const n = i + 1;
        if (isGroup(f))
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
            <Group key={i} gap={6} wrap="nowrap" data-testid="filter-row">
              <Text size="sm" style={{ flex: 1 }}>
                {t('filters.anyOf', { list: f.or.map((c) => describe(c, fields, locale, t)).join(' · ') })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('filters.removeN', { n })}
                onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        const field = fields.find((x) => x.name === f.field);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position
          <Group key={i} gap={6} wrap="wrap" align="flex-start" data-testid="filter-row">
            <Select
              aria-label={t('filters.fieldN', { n })}
              data={fieldOptions}
              value={f.field}
              searchable
              allowDeselect={false}
              w={170}
              size="xs"
              onChange={(name) => {
                const nf = fields.find((x) => x.name === name);
                if (nf) update(i, defaultFilter(nf));
              }}
              comboboxProps={{ withinPortal: false }}
            />
            {field && (
              <Select
                aria-label={t('filters.operatorN', { n })}
                data={opsFor(field).map((op) => ({ value: op, label: t(`filters.ops.${op}`) }))}
                value={f.op}
                allowDeselect={false}
                w={150}
                size="xs"
                onChange={(op) =>
                  op &&
                  update(i, { ...f, op: op as FilterOp, value: valueForOp(op as FilterOp, field, f.value) })
                }
                comboboxProps={{ withinPortal: false }}
              />
            )}
            {field && !needsNoValue(f.op) && (
              <FilterValue field={field} filter={f} n={n} onChange={(v) => update(i, { ...f, value: v })} />
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('filters.removeN', { n })}
              onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
              mt={2}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group justify="space-between" mt="xs">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={!fields.length}
          onClick={() => fields[0] && setDraft((d) => [...d, defaultFilter(fields[0]!)])}
        >
          {t('filters.add')}
        </Button>
        <Group gap="xs">
          {draft.length > 0 && (
            <Button variant="subtle" size="xs" color="gray" onClick={() => setDraft([])}>
              {t('filters.clear')}
            </Button>
          )}
          {onCancel && (
            <Button variant="default" size="xs" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            size="xs"
            onClick={() => onApply(draft.filter(isComplete))}
            title={incomplete ? t('filters.incompleteHint') : undefined}
          >
            {t('filters.apply')}
          </Button>
        </Group>
      </Group>
      {incomplete && (
        <Text size="xs" c="dimmed">
          {t('filters.incompleteHint')}
        </Text>
      )}
    </Stack>
  );
}

/** One condition in words, for groups the builder shows but does not edit ("Last activity is empty"). */
function describe(c: Filter, fields: FieldMeta[], locale: 'en' | 'zh-CN', t: TFunction): string {
  const f = fields.find((x) => x.name === c.field);
  const value = needsNoValue(c.op)
    ? ''
    : ` ${Array.isArray(c.value) ? c.value.join(' – ') : String(c.value ?? '')}`;
  return `${f ? localized(f.label, locale) : c.field} ${t(`filters.ops.${c.op}`)}${value}`;
}

function FilterValue({
  field,
  filter,
  n,
  onChange,
}: {
  field: FieldMeta;
  filter: Filter;
  n: number;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = t('filters.valueN', { n });
  if (filter.op === 'between') {
    const [a, b] = Array.isArray(filter.value) ? (filter.value as unknown[]) : ['', ''];
    return (
      <Group gap={4} wrap="nowrap">
        <SingleValue
          field={field}
          value={a}
          label={t('filters.fromN', { n })}
          onChange={(v) => onChange([v, b])}
        />
        <Text size="xs">–</Text>
        <SingleValue
          field={field}
          value={b}
          label={t('filters.toN', { n })}
          onChange={(v) => onChange([a, v])}
        />
      </Group>
    );
  }
  if (
    (field.type === 'select' || field.type === 'multiSelect') &&
    (filter.op === 'in' || filter.op === 'nin')
  ) {
    return (
      <MultiSelect
        aria-label={label}
        size="xs"
        miw={180}
        data={(field.options ?? []).map((o) => ({ value: o.value, label: localized(o.label, locale) }))}
        value={Array.isArray(filter.value) ? (filter.value as string[]) : []}
        onChange={onChange}
        searchable
        comboboxProps={{ withinPortal: false }}
      />
    );
  }
  return <SingleValue field={field} value={filter.value} label={label} onChange={onChange} />;
}

function SingleValue({
  field,
  value,
  label,
  onChange,
}: {
  field: FieldMeta;
  value: unknown;
  label: string;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const str = value === undefined || value === null ? '' : String(value);
  switch (field.type) {
    case 'boolean':
      return (
        <Select
          aria-label={label}
          size="xs"
          w={100}
          allowDeselect={false}
          data={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          value={value === false ? 'false' : 'true'}
          onChange={(v) => onChange(v === 'true')}
          comboboxProps={{ withinPortal: false }}
        />
      );
    case 'date':
    case 'dateTime':
      return (
        <TextInput
          aria-label={label}
          size="xs"
          type="date"
          w={150}
          value={str.slice(0, 10)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
    case 'money':
      return (
        <TextInput
          aria-label={label}
          size="xs"
          inputMode="decimal"
          w={110}
          value={str}
          onChange={(e) => onChange(e.currentTarget.value.replace(/[,\s]/g, ''))}
        />
      );
    case 'relation':
      return (
        <RecordPicker
          aria-label={label}
          size="xs"
          object={field.relation?.object ?? ''}
          value={str || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    case 'select':
      return (
        <Select
          aria-label={label}
          size="xs"
          w={160}
          data={(field.options ?? []).map((o) => ({
            value: o.value,
            label: String(typeof o.label === 'string' ? o.label : (o.label.en ?? o.value)),
          }))}
          value={str || null}
          onChange={(v) => onChange(v ?? '')}
          comboboxProps={{ withinPortal: false }}
        />
      );
    default:
      return (
        <TextInput
          aria-label={label}
          size="xs"
          w={170}
          value={str}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
