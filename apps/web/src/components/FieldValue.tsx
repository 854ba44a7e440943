// Shows one field's value the way its type wants it: amounts in their currency, all-day dates as
// calendar days, phone numbers and e-mail addresses as tap-to-call / tap-to-mail links.
import type { FieldMeta, RecordBase } from '@rapport/contracts/apiTypes';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/catalog';
import { useObjectMeta } from '../api/schema';
import { useRecord } from '../api/records';
import { recordTitle } from '../features/records/recordTitle';
import { formatDate, formatDateTime, formatMoney, formatNumber, localized } from '../i18n/format';
import { isMoney } from './money';
import { PipelineName, StageName } from './PipelineFields';
import { useLocale } from './useLocale';

export function optionLabel(field: FieldMeta, value: unknown, locale: 'en' | 'zh-CN'): string {
  const opt = field.options?.find((o) => o.value === value);
  return opt ? localized(opt.label, locale) : String(value ?? '');
}

export function FieldValue({
  field,
  record,
  compact,
}: {
  field: FieldMeta;
  record: RecordBase;
  compact?: boolean;
}) {
  const value = record[field.name];
  const locale = useLocale();
  const { t } = useTranslation();
  if (field.name === 'ownerId') {
    const n = relatedNames(record, 'ownerId')[0];
    return n ? <span>{n.name}</span> : <OwnerName id={value as string | null} />;
  }
  if (field.name === 'stageId' || field.relation?.object === 'pipelineStages')
    return <StageName id={value} />;
  if (field.name === 'pipelineId' || field.relation?.object === 'pipelines')
    return <PipelineName id={value} />;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) {
    return (
      <Text span c="dimmed" size="sm" aria-label={t('common.empty')}>
        —
      </Text>
    );
  }
  switch (field.type) {
    case 'money':
      return <span>{isMoney(value) ? formatMoney(value, locale) : String(value)}</span>;
    case 'number':
      return <span>{formatNumber(value as number, locale)}</span>;
    case 'date':
      return <span>{formatDate(String(value), locale)}</span>;
    case 'dateTime':
      return <span>{formatDateTime(String(value), locale)}</span>;
    case 'boolean':
      return value ? <IconCheck size={16} aria-label={t('common.yes')} /> : <span>{t('common.no')}</span>;
    case 'email':
      return (
        <Anchor href={`mailto:${String(value)}`} size="sm" onClick={(e) => e.stopPropagation()}>
          {String(value)}
        </Anchor>
      );
    case 'phone':
      return (
        <Anchor
          href={`tel:${String(value).replace(/[^\d+]/g, '')}`}
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {String(value)}
        </Anchor>
      );
    case 'url': {
      const href = /^https?:\/\//i.test(String(value)) ? String(value) : `https://${String(value)}`;
      return (
        <Anchor
          href={href}
          target="_blank"
          rel="noreferrer noopener"
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {String(value).replace(/^https?:\/\//i, '')}
        </Anchor>
      );
    }
    case 'select':
      return (
        <Badge variant="light" radius="sm" tt="none">
          {optionLabel(field, value, locale)}
        </Badge>
      );
    case 'multiSelect':
      return (
        <Group gap={4} wrap={compact ? 'nowrap' : 'wrap'}>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Badge key={String(v)} variant="light" radius="sm" tt="none">
              {optionLabel(field, v, locale)}
            </Badge>
          ))}
        </Group>
      );
    case 'relation':
      return Array.isArray(value) ? (
        <Group gap={6} wrap={compact ? 'nowrap' : 'wrap'}>
          {value.map((id) => (
            <RelationLink
              key={String(id)}
              object={field.relation?.object}
              id={String(id)}
              record={record}
              field={field}
            />
          ))}
        </Group>
      ) : (
        <RelationLink object={field.relation?.object} id={String(value)} record={record} field={field} />
      );
    case 'relatedTo':
      return (
        <Group gap={6} wrap={compact ? 'nowrap' : 'wrap'}>
          {(value as { object: string; id: string }[]).map((t) => (
            <RelationLink key={t.id} object={t.object} id={t.id} record={record} field={field} />
          ))}
        </Group>
      );
    case 'socialProfiles':
      return (
        <Group gap={6} wrap="wrap">
          {(value as { network: string; handle?: string; url?: string }[]).map((p) =>
            p.url && /^https?:\/\//i.test(p.url) ? (
              <Anchor
                key={p.network + (p.handle ?? p.url)}
                href={p.url}
                target="_blank"
                rel="noreferrer noopener"
                size="sm"
                onClick={(e) => e.stopPropagation()}
              >
                {p.network}: {p.handle ?? p.url}
              </Anchor>
            ) : (
              <span key={p.network + p.handle}>
                {p.network}: {p.handle}
              </span>
            ),
          )}
        </Group>
      );
    case 'moneyTotals':
      return (
        <span>
          {(Array.isArray(value) ? value : [value])
            .filter(isMoney)
            .map((m) => formatMoney(m, locale))
            .join(' + ')}
        </span>
      );
    default:
      if (Array.isArray(value)) return <span>{value.map(String).join(', ')}</span>;
      if (typeof value === 'object') return <span>{JSON.stringify(value)}</span>;
      return <span>{String(value)}</span>;
  }
}

/** Relations to things that are not records (users, teams…): a name, no record page to open. */
const nonRecordTargets = new Set(['users', 'teams', 'businessUnits', 'pipelines', 'pipelineStages']);

interface RelatedName {
  id: string;
  name: string;
  label?: { en: string; 'zh-CN': string };
  object?: string;
}

/** The names the server resolved for a record's relations (`related.companyId`, …). */
export function relatedNames(record: RecordBase, field: string): RelatedName[] {
  const r = (record.related as Record<string, RelatedName | RelatedName[]> | undefined)?.[field];
  if (!r) return [];
  return Array.isArray(r) ? r : [r];
}

function RelationLink({
  object,
  id,
  record,
  field,
}: {
  object?: string;
  id: string;
  record: RecordBase;
  field: FieldMeta;
}) {
  const locale = useLocale();
  const known = relatedNames(record, field.name).find((n) => n.id === id);
  const inline = known ? (known.label ? localized(known.label, locale) : known.name) : undefined;
  const target = known?.object ?? object;
  const isRecord = Boolean(target && !nonRecordTargets.has(target));
  const { meta } = useObjectMeta(isRecord ? target : undefined);
  // Only when the server sent no name (an older response): look the record up once, cached.
  const loaded = useRecord(inline || !isRecord ? undefined : target, inline ? undefined : id);
  const title = inline ?? (loaded.data ? recordTitle(meta, loaded.data.record) : loaded.isError ? '—' : '…');
  if (!isRecord) return <span>{title}</span>;
  return (
    <Anchor component={Link} to={`/${target}/${id}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {title}
    </Anchor>
  );
}

export function OwnerName({ id }: { id: string | null | undefined }) {
  const users = useUsers();
  if (!id)
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  const u = users.data?.find((x) => x.id === id);
  return <span>{u?.name ?? '…'}</span>;
}
