// One input per field type, driven by metadata, so standard and custom fields share every form,
// inline cell editor and filter value box. Values are kept in the API's own shapes (money as
// {amount: string, currency}, all-day dates as YYYY-MM-DD) so nothing is converted twice.
import type { FieldMeta, Money, RecordBase } from '@rapport/contracts/apiTypes';
import { Checkbox, Group, MultiSelect, Select, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n/format';
import { PipelineSelect, StageSelect, TeamSelect, UnitSelect, UserSelect } from './PipelineFields';
import { SocialProfilesInput } from './SocialProfilesInput';
import { RecordMultiPicker, RecordPicker } from './RecordPicker';
import { useLocale } from './useLocale';

export const currencies = [
  'CNY',
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'HKD',
  'SGD',
  'AUD',
  'CAD',
  'CHF',
  'KRW',
  'TWD',
  'INR',
];

export interface FieldInputProps {
  field: FieldMeta;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  /** Label shown above the input; inline cell editors pass none and use aria-label. */
  label?: string;
  defaultCurrency?: string;
  autoFocus?: boolean;
  size?: 'xs' | 'sm' | 'md';
  disabled?: boolean;
  onKeyDown?: (e: React.KeyboardEvent) => void;
  /** The record being edited (a stage picker offers the stages of its pipeline). */
  record?: RecordBase | Record<string, unknown>;
}

/** datetime-local works in local wall time; the API wants an instant with an offset. */
export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function FieldInput(p: FieldInputProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { field } = p;
  const label = p.label;
  const common = {
    label,
    'aria-label': label ? undefined : localized(field.label, locale),
    error: p.error,
    required: Boolean(field.required) && Boolean(label),
    autoFocus: p.autoFocus,
    size: p.size,
    disabled: p.disabled || field.readOnly,
    onKeyDown: p.onKeyDown,
  };
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: localized(o.label, locale) }));

  const target = field.relation?.object;
  if (field.name === 'stageId' || target === 'pipelineStages')
    return (
      <StageSelect {...common} value={p.value} pipelineId={p.record?.pipelineId} onChange={p.onChange} />
    );
  if (field.name === 'pipelineId' || target === 'pipelines')
    return <PipelineSelect {...common} value={p.value} onChange={p.onChange} />;
  if (field.name === 'ownerId' || target === 'users')
    return <UserSelect {...common} value={p.value} onChange={p.onChange} />;
  if (target === 'teams') return <TeamSelect {...common} value={p.value} onChange={p.onChange} />;
  if (target === 'businessUnits') return <UnitSelect {...common} value={p.value} onChange={p.onChange} />;
  if (field.type === 'socialProfiles')
    return <SocialProfilesInput {...common} value={p.value} onChange={p.onChange} />;

  switch (field.type) {
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          value={str(p.value)}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={str(p.value)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            // Keep what the user typed while it is not yet a number ("-", "1."), so nothing is lost.
            p.onChange(v === '' ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
          }}
        />
      );
    case 'money': {
      const m = (p.value as Money | null) ?? null;
      const currency = m?.currency ?? p.defaultCurrency ?? 'USD';
      return (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            {...common}
            style={{ flex: 1 }}
            inputMode="decimal"
            value={m?.amount ?? ''}
            onChange={(e) => {
              const amount = e.currentTarget.value.replace(/[,\s]/g, '');
              p.onChange(amount === '' ? null : { amount, currency });
            }}
          />
          <Select
            aria-label={t('fields.currency')}
            label={label ? t('fields.currency') : undefined}
            w={92}
            size={p.size}
            data={currencies.includes(currency) ? currencies : [currency, ...currencies]}
            value={currency}
            allowDeselect={false}
            disabled={common.disabled}
            onChange={(c) => c && p.onChange(m?.amount ? { amount: m.amount, currency: c } : null)}
          />
        </Group>
      );
    }
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={str(p.value).slice(0, 10)}
          onChange={(e) => p.onChange(e.currentTarget.value || null)}
        />
      );
    case 'dateTime':
      return (
        <TextInput
          {...common}
          type="datetime-local"
          value={toLocalInput(p.value)}
          onChange={(e) => p.onChange(fromLocalInput(e.currentTarget.value))}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={label}
          aria-label={common['aria-label']}
          error={p.error}
          checked={Boolean(p.value)}
          disabled={common.disabled}
          autoFocus={p.autoFocus}
          onKeyDown={p.onKeyDown}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
          mt={label ? 'lg' : 0}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={options}
          value={str(p.value) || null}
          clearable
          searchable={options.length > 8}
          onChange={(v) => p.onChange(v)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'multiSelect':
      return (
        <MultiSelect
          {...common}
          data={options}
          value={Array.isArray(p.value) ? (p.value as string[]) : []}
          clearable
          searchable
          onChange={(v) => p.onChange(v)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'relation': {
      const object = field.relation?.object ?? '';
      if (field.relation?.many || Array.isArray(p.value))
        return (
          <RecordMultiPicker
            {...common}
            object={object}
            value={Array.isArray(p.value) ? (p.value as string[]) : []}
            onChange={p.onChange}
          />
        );
      return (
        <RecordPicker {...common} object={object} value={(p.value as string) || null} onChange={p.onChange} />
      );
    }
    case 'email':
      return (
        <TextInput
          {...common}
          type="email"
          autoComplete="off"
          value={str(p.value)}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      );
    case 'phone':
      return (
        <TextInput
          {...common}
          type="tel"
          value={str(p.value)}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      );
    case 'url':
      return (
        <TextInput
          {...common}
          type="url"
          value={str(p.value)}
          onChange={(e) => p.onChange(e.currentTarget.value)}
        />
      );
    default:
      return (
        <TextInput {...common} value={str(p.value)} onChange={(e) => p.onChange(e.currentTarget.value)} />
      );
  }
}
