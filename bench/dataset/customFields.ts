// Custom fields of the data set, written into field_definitions (the metadata the record engine
// reads) with the expression indexes an admin marking a field "indexed" gets, so that the list
// shapes filtering on them measure what a real workspace would see.
import {
  customFieldDef,
  type FieldDefinitionRow,
  withFields,
} from '../../apps/server/src/modules/records/meta/loadObject';
import { standardObjects } from '../../apps/server/src/modules/records/meta/standardObjects';
import type { LoadedObject } from '../../apps/server/src/modules/records/meta/types';
import type { Loader } from './loader';
import type { Random } from './random';
import { uuid7At } from './uuid7';

interface CustomField {
  object: string;
  name: string;
  type: 'select' | 'text' | 'number';
  labels: { en: string; 'zh-CN': string };
  options?: { value: string; label: { en: string; 'zh-CN': string } }[];
  indexed: boolean;
  searchable: boolean;
}

const opt = (value: string, en: string, zh: string) => ({ value, label: { en, 'zh-CN': zh } });

export const customFields: CustomField[] = [
  {
    object: 'contacts',
    name: 'customerLevel',
    type: 'select',
    labels: { en: 'Customer level', 'zh-CN': '客户等级' },
    options: [opt('vip', 'VIP', '贵宾'), opt('a', 'A', 'A 类'), opt('b', 'B', 'B 类'), opt('c', 'C', 'C 类')],
    indexed: true,
    searchable: false,
  },
  {
    object: 'contacts',
    name: 'wechat',
    type: 'text',
    labels: { en: 'WeChat ID', 'zh-CN': '微信号' },
    indexed: false,
    searchable: true,
  },
  {
    object: 'companies',
    name: 'creditRating',
    type: 'select',
    labels: { en: 'Credit rating', 'zh-CN': '信用评级' },
    options: [opt('aaa', 'AAA', 'AAA'), opt('aa', 'AA', 'AA'), opt('a', 'A', 'A'), opt('b', 'B', 'B')],
    indexed: false,
    searchable: false,
  },
  {
    object: 'deals',
    name: 'region',
    type: 'select',
    labels: { en: 'Sales region', 'zh-CN': '销售大区' },
    options: [
      opt('east', 'East China', '华东'),
      opt('north', 'North China', '华北'),
      opt('south', 'South China', '华南'),
      opt('west', 'West China', '西部'),
      opt('overseas', 'Overseas', '海外'),
    ],
    indexed: true,
    searchable: false,
  },
  {
    object: 'deals',
    name: 'contractYears',
    type: 'number',
    labels: { en: 'Contract length (years)', 'zh-CN': '合同年限' },
    indexed: true,
    searchable: false,
  },
];

const TABLES: Record<string, string> = { contacts: 'contacts', companies: 'companies', deals: 'deals' };

/** The expression the record engine's compiler filters a custom field by (query/fieldSql.ts). */
const expressionOf = (f: CustomField) =>
  f.type === 'number' ? `rapport_num(custom->>'${f.name}')` : `(custom->>'${f.name}')`;

export const customIndexName = (f: CustomField) => `bench_cf_${TABLES[f.object]}_${f.name.toLowerCase()}_idx`;

/** The index statements for indexed custom fields (built after the bulk load, like the others). */
export function customIndexStatements(): string[] {
  return customFields
    .filter((f) => f.indexed)
    .map(
      (f) =>
        `CREATE INDEX IF NOT EXISTS ${customIndexName(f)} ON ${TABLES[f.object]} (workspace_id, ${expressionOf(f)}, updated_at, id) WHERE deleted_at IS NULL`,
    );
}

function rowOf(f: CustomField, id: string, position: number): FieldDefinitionRow {
  return {
    id,
    object: f.object,
    name: f.name,
    type: f.type,
    labels: f.labels,
    options: f.options ?? null,
    required: false,
    is_unique: false,
    indexed: f.indexed,
    searchable: f.searchable,
    relation_object: null,
    description: null,
    position,
    index_name: f.indexed ? customIndexName(f) : null,
    retired_at: null,
  };
}

export async function defineCustomFields(db: Loader, workspaceId: string, rnd: Random): Promise<void> {
  for (const [i, f] of customFields.entries()) {
    const row = rowOf(f, uuid7At(Date.now(), rnd), 100 + i);
    await db.query(
      `INSERT INTO field_definitions (workspace_id, id, object, name, type, labels, options, required, is_unique,
         indexed, searchable, position, index_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, false, false, $8, $9, $10, $11)`,
      [
        workspaceId,
        row.id,
        row.object,
        row.name,
        row.type,
        JSON.stringify(row.labels),
        row.options ? JSON.stringify(row.options) : null,
        row.indexed,
        row.searchable,
        row.position,
        row.index_name,
      ],
    );
  }
}

/** The engine's metadata of a standard object with the data set's custom fields, for search keys. */
export function loadedObject(object: string, currency: string): LoadedObject {
  const def = standardObjects.get(object);
  if (!def) throw new Error(`No standard object ${object}`);
  const custom = customFields
    .filter((f) => f.object === object)
    .map((f, i) => customFieldDef(rowOf(f, '', 100 + i)));
  return withFields(def, custom, { currency, timeZone: 'Asia/Shanghai' });
}
