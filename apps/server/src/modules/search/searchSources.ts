// What global search looks through: the standard tables with a `search_text` key, and the custom
// objects' shared `records` table. Each source says how a row becomes a result's title and subtitle.
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor';
import { fieldVisibility } from '../../platform/access/authorize';

export interface Labels {
  en: string;
  'zh-CN': string;
}

export interface StandardSource {
  object: string;
  table: string;
  label: Labels;
  title: (alias: string) => RawBuilder<string>;
  /** The first visible one of these, for the caller (a hidden field never shows in a subtitle). */
  subtitle: (alias: string) => { field: string; sql: RawBuilder<string | null> }[];
}

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);
const text = (alias: string, field: string, column = field) => ({
  field,
  sql: sql<string | null>`nullif(${col(alias, column)}, '')`,
});

// Activities, commitments and tags carry a key too, but search finds customers and deals by who
// and what they are; activities are reached from a record's timeline.
export const standardSources: StandardSource[] = [
  {
    object: 'companies',
    table: 'companies',
    label: { en: 'Company', 'zh-CN': '公司' },
    title: (a) => sql<string>`${col(a, 'name')}`,
    subtitle: (a) => [text(a, 'domain'), text(a, 'city'), text(a, 'industry')],
  },
  {
    object: 'contacts',
    table: 'contacts',
    label: { en: 'Contact', 'zh-CN': '联系人' },
    title: (a) => sql<string>`coalesce(nullif(${col(a, 'name')}, ''), nullif(${col(a, 'email')}, ''), '')`,
    subtitle: (a) => [text(a, 'email'), text(a, 'phone'), text(a, 'title')],
  },
  {
    object: 'leads',
    table: 'leads',
    label: { en: 'Lead', 'zh-CN': '线索' },
    title: (a) =>
      sql<string>`coalesce(nullif(${col(a, 'name')}, ''), nullif(${col(a, 'company_name')}, ''), nullif(${col(a, 'email')}, ''), '')`,
    subtitle: (a) => [text(a, 'company', 'company_name'), text(a, 'email'), text(a, 'phone')],
  },
  {
    object: 'deals',
    table: 'deals',
    label: { en: 'Deal', 'zh-CN': '商机' },
    title: (a) => sql<string>`${col(a, 'name')}`,
    subtitle: (a) => [
      {
        field: 'amount',
        sql: sql<string | null>`CASE WHEN ${col(a, 'amount')} IS NOT NULL
          THEN ${col(a, 'amount')}::text || ' ' || coalesce(${col(a, 'currency')}, '') END`,
      },
    ],
  },
];

/** The subtitle expression for this caller: the first non-empty value of a field they may see. */
export function subtitleFor(actor: Actor, source: StandardSource, alias: string): RawBuilder<string | null> {
  const visible = source
    .subtitle(alias)
    .filter((s) => fieldVisibility(actor, source.object, s.field) !== 'hidden');
  if (visible.length === 0) return sql<null>`NULL::text`;
  return sql<string | null>`coalesce(${sql.join(visible.map((s) => s.sql))})`;
}
