// A record as spreadsheet cells: one column per visible field, headed by its label in the reader's
// language; values written so that importing the file again gives the same record (relations by
// name, options by label, money as "CNY 1234.50").
import type { Actor } from '../../platform/access/actor';
import { fieldVisibility } from '../../platform/access/authorize';
import type { OutCell } from '../../platform/files/csvWriter';
import type { ApiRecord, FieldDef, LoadedObject } from '../records/meta/types';

export interface ExportColumn {
  field: FieldDef;
  header: string;
}

const skipped = new Set(['relatedTo', 'moneyTotals']);

export function exportColumns(
  meta: LoadedObject,
  actor: Actor,
  headers: 'labels' | 'names' = 'labels',
): ExportColumn[] {
  const zh = actor.locale.toLowerCase().startsWith('zh');
  return meta.fields
    .filter((f) => !skipped.has(f.type) && fieldVisibility(actor, meta.name, f.name) !== 'hidden')
    .map((f) => ({ field: f, header: headers === 'names' ? f.name : zh ? f.labels['zh-CN'] : f.labels.en }));
}

type Related = Record<
  string,
  { name?: string; label?: { en?: string; 'zh-CN'?: string } } | { name?: string }[]
>;

function relatedName(rec: ApiRecord, f: FieldDef, zh: boolean): string | null {
  const rel = (rec.related as Related | undefined)?.[f.name];
  if (!rel) return null;
  const one = (r: { name?: string; label?: { en?: string; 'zh-CN'?: string } }) =>
    (zh ? r.label?.['zh-CN'] : r.label?.en) ?? r.name ?? '';
  return Array.isArray(rel) ? rel.map(one).join('; ') : one(rel);
}

export function cellOf(rec: ApiRecord, f: FieldDef, zh: boolean, forXlsx: boolean): OutCell {
  const v = rec[f.name];
  if (v === null || v === undefined) return null;
  switch (f.type) {
    case 'money': {
      const m = v as { amount: string; currency: string };
      return `${m.currency} ${m.amount}`;
    }
    case 'relation': {
      const name = relatedName(rec, f, zh);
      if (name) return name;
      return Array.isArray(v) ? v.join('; ') : String(v);
    }
    case 'select': {
      const o = f.options?.find((x) => x.value === v);
      return o ? (zh ? o.label['zh-CN'] : o.label.en) : String(v);
    }
    case 'multiSelect':
      return (v as string[])
        .map((x) => {
          const o = f.options?.find((y) => y.value === x);
          return o ? (zh ? o.label['zh-CN'] : o.label.en) : x;
        })
        .join('; ');
    case 'socialProfiles':
      return (v as { network: string; handle: string | null; url: string | null }[])
        .map((p) => `${p.network}: ${p.url ?? p.handle ?? ''}`)
        .join('; ');
    case 'number':
      return typeof v === 'number' ? v : String(v);
    case 'boolean':
      return Boolean(v);
    case 'date':
      return forXlsx && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : String(v);
    default:
      if (Array.isArray(v)) return v.join('; ');
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}
