// Compiles API filters into SQL conditions over an object's table: every op of API.md on standard
// and custom fields, money currencies (`amount.currency`), link fields (EXISTS on the join table)
// and one level of related fields (`company.name` → EXISTS on companies, scoped to what the
// caller may read). Hidden fields are refused as unknown, so their existence is not leaked.
import { type RawBuilder, sql } from 'kysely';
import type { RecordFilter } from '@rapport/contracts/records';

import type { Ctx } from '../../../platform/context';
import { fieldError } from '../../../platform/errors';
import { linkStores } from '../links/linkStores';
import { loadObject } from '../meta/loadObject';
import type { FieldDef, LoadedObject } from '../meta/types';
import { scopeSql } from '../read/fetchRecords';
import { baseCondition, currencyExpr, fieldExpr, ref } from './fieldSql';
import { coerceList, coerceValue, type Param } from './filterValues';
import type { TokenContext } from './tokens';
import { fieldAccess } from '../meta/fieldAccess';

type Cond = RawBuilder<unknown>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const TEXTUAL = new Set(['text', 'longText', 'email', 'phone', 'url', 'select']);
const ORDERED = new Set(['number', 'money', 'date', 'dateTime', 'text', 'email', 'phone', 'url']);

export interface FilterContext {
  ctx: Ctx;
  meta: LoadedObject;
  alias: string;
  tc: TokenContext;
  /** Loaded metadata of related objects, shared across one request. */
  related: Map<string, LoadedObject>;
}

function visibleField(ctx: Ctx, meta: LoadedObject, name: string, path: string): FieldDef {
  const f = meta.byName.get(name);
  if (!f || fieldAccess(ctx.actor, meta.name, name) === 'hidden')
    throw fieldError(path, `Unknown field ${path}`);
  return f;
}

/** One condition on a scalar expression. */
function scalarCondition(
  field: FieldDef,
  e: RawBuilder<unknown>,
  op: string,
  value: unknown,
  path: string,
  tc: TokenContext,
): Cond {
  const one = (edge: 'start' | 'end' = 'start') => coerceValue(field, path, value, tc, edge);
  const text = TEXTUAL.has(field.type);
  const isEmail = field.type === 'email';
  const empty = text ? sql`(${e} IS NULL OR ${e} = '')` : sql`${e} IS NULL`;
  const notOrdered = () => {
    if (!ORDERED.has(field.type))
      throw fieldError(path, `The ${op} operator does not apply to ${field.type} fields`);
  };
  switch (op) {
    case 'eq': {
      if (field.type === 'dateTime' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        return sql`(${e} >= ${one('start')} AND ${e} <= ${one('end')})`;
      if (isEmail) return sql`lower(${e}) = lower(${one()})`;
      return sql`${e} = ${one()}`;
    }
    case 'neq':
      if (isEmail) return sql`(lower(${e}) <> lower(${one()}) OR ${e} IS NULL)`;
      return sql`(${e} <> ${one()} OR ${e} IS NULL)`;
    case 'lt':
      notOrdered();
      return sql`${e} < ${one('start')}`;
    case 'lte':
      notOrdered();
      return sql`${e} <= ${one('end')}`;
    case 'gt':
      notOrdered();
      return sql`${e} > ${one('end')}`;
    case 'gte':
      notOrdered();
      return sql`${e} >= ${one('start')}`;
    case 'between': {
      notOrdered();
      if (!Array.isArray(value) || value.length !== 2) throw fieldError(path, 'Use [from, to]');
      const lo = coerceValue(field, path, value[0], tc, 'start');
      const hi = coerceValue(field, path, value[1], tc, 'end');
      return sql`(${e} >= ${lo} AND ${e} <= ${hi})`;
    }
    case 'in':
    case 'nin': {
      const list = coerceList(field, path, value, tc);
      const lhs = isEmail ? sql`lower(${e})` : e;
      const items = sql.join(list.map((v) => (isEmail ? sql`lower(${v})` : sql`${v}`)));
      return op === 'in' ? sql`${lhs} IN (${items})` : sql`(${lhs} NOT IN (${items}) OR ${e} IS NULL)`;
    }
    case 'contains':
    case 'startsWith': {
      if (!text) throw fieldError(path, `The ${op} operator applies to text fields`);
      if (typeof value !== 'string' || !value.length) throw fieldError(path, 'Use some text');
      if (value.length > 1000) throw fieldError(path, 'At most 1000 characters');
      const pattern = op === 'contains' ? `%${escapeLike(value)}%` : `${escapeLike(value)}%`;
      return sql`${e} ILIKE ${pattern}`;
    }
    case 'isEmpty':
      return empty;
    case 'isNotEmpty':
      return sql`NOT ${empty}`;
    default:
      throw fieldError(path, `Unknown operator ${op}`);
  }
}

/** Arrays (emails, phones as text[]; multiSelect and social profiles as JSON). */
function arrayCondition(
  field: FieldDef,
  e: RawBuilder<unknown>,
  op: string,
  value: unknown,
  path: string,
  tc: TokenContext,
): Cond {
  const jsonb = field.type === 'multiSelect' || field.type === 'socialProfiles';
  const empty = jsonb
    ? sql`(${e} IS NULL OR ${e} = '[]'::jsonb)`
    : sql`(${e} IS NULL OR cardinality(${e}) = 0)`;
  if (op === 'isEmpty') return empty;
  if (op === 'isNotEmpty') return sql`NOT ${empty}`;
  if (field.type === 'multiSelect') {
    if (op === 'eq' || op === 'contains') return sql`${e} ? ${coerceValue(field, path, value, tc)}`;
    if (op === 'in' || op === 'nin') {
      const list = coerceList(field, path, value, tc) as string[];
      const any = sql`${e} ?| ARRAY[${sql.join(list)}]::text[]`;
      return op === 'in' ? any : sql`NOT coalesce(${any}, false)`;
    }
  } else if (field.type === 'socialProfiles') {
    if (op === 'contains') {
      if (typeof value !== 'string' || !value) throw fieldError(path, 'Use some text');
      return sql`${e}::text ILIKE ${`%${escapeLike(value)}%`}`;
    }
  } else {
    if (op === 'eq' || op === 'contains') {
      if (typeof value !== 'string' || !value) throw fieldError(path, 'Use some text');
      const cmp = op === 'eq' ? sql`lower(x) = lower(${value})` : sql`x ILIKE ${`%${escapeLike(value)}%`}`;
      return sql`EXISTS (SELECT 1 FROM unnest(${e}) AS x WHERE ${cmp})`;
    }
  }
  throw fieldError(path, `The ${op} operator does not apply to this field`);
}

/** A condition on one field of `meta` over `alias` (no related paths). */
function fieldCondition(
  fc: FilterContext,
  meta: LoadedObject,
  alias: string,
  name: string,
  sub: string | null,
  op: string,
  value: unknown,
  path: string,
): Cond {
  const field = visibleField(fc.ctx, meta, name, path);
  if (field.type === 'moneyTotals') throw fieldError(path, 'This field cannot be filtered');
  if (sub) {
    if (field.type !== 'money' || sub !== 'currency') throw fieldError(path, `Unknown field ${path}`);
    const cur: FieldDef = { ...field, type: 'text' };
    return scalarCondition(cur, currencyExpr(field, alias), op, value, path, fc.tc);
  }
  if (field.storage.kind === 'link') {
    const store = linkStores[field.storage.link];
    if (!store) throw fieldError(path, 'This field cannot be filtered');
    const v =
      (op === 'eq' || op === 'contains') && field.relation
        ? coerceValue({ ...field, relation: { object: field.relation.object } }, path, value, fc.tc)
        : value;
    return store.filter(op, v, alias, meta.name, path);
  }
  const e = fieldExpr(field, alias);
  if (field.many || field.type === 'multiSelect' || field.type === 'socialProfiles')
    return arrayCondition(field, e, op, value, path, fc.tc);
  return scalarCondition(field, e, op, value, path, fc.tc);
}

const userFields: Record<string, FieldDef> = {
  name: {
    name: 'name',
    type: 'text',
    labels: { en: 'Name', 'zh-CN': '姓名' },
    storage: { kind: 'column', column: 'name' },
  },
  email: {
    name: 'email',
    type: 'email',
    labels: { en: 'Email', 'zh-CN': '邮箱' },
    storage: { kind: 'column', column: 'email' },
  },
};

/** `company.name`: EXISTS on the related table, itself scoped for the caller. */
async function relatedCondition(
  fc: FilterContext,
  relName: string,
  rest: string,
  op: string,
  value: unknown,
  path: string,
): Promise<Cond> {
  const { meta, alias, ctx } = fc;
  const rel = meta.fields.find((f) => f.path === relName && f.relation && !f.relation.many);
  if (!rel || fieldAccess(ctx.actor, meta.name, rel.name) === 'hidden')
    throw fieldError(path, `Unknown field ${path}`);
  const own = fieldExpr(rel, alias);
  const negative = op === 'neq' || op === 'nin' || op === 'isEmpty';
  const positiveOp = op === 'neq' ? 'eq' : op === 'nin' ? 'in' : op === 'isEmpty' ? 'isNotEmpty' : op;
  const target = rel.relation!.object;
  let inner: Cond;
  if (target === 'users') {
    const uf = userFields[rest];
    if (!uf) throw fieldError(path, `Unknown field ${path}`);
    const cond = scalarCondition(
      uf,
      sql`${ref('r', uf.storage.kind === 'column' ? uf.storage.column : '')}`,
      positiveOp,
      value,
      path,
      fc.tc,
    );
    const join = rel.storage.kind === 'custom' ? sql`r.id::text = ${own}` : sql`r.id = ${own}`;
    inner = sql`EXISTS (SELECT 1 FROM users r WHERE r.workspace_id = ${ctx.workspaceId} AND ${join} AND ${cond})`;
  } else {
    let tmeta = fc.related.get(target);
    if (!tmeta) {
      try {
        tmeta = await loadObject(ctx, target);
      } catch {
        throw fieldError(path, `Unknown field ${path}`);
      }
      fc.related.set(target, tmeta);
    }
    const [name, sub] = rest.split('.');
    if (!name || rest.split('.').length > 2) throw fieldError(path, `Unknown field ${path}`);
    const cond = fieldCondition(fc, tmeta, 'r', name, sub ?? null, positiveOp, value, path);
    const conds: Cond[] = [baseCondition(tmeta, 'r', ctx.workspaceId), sql`r.deleted_at IS NULL`, cond];
    const scope = scopeSql(ctx.actor, tmeta.name, 'read', 'r');
    if (scope) conds.push(scope);
    // Custom relations hold the id as text in JSON; standard ones are uuid columns.
    const join = rel.storage.kind === 'custom' ? sql`r.id::text = ${own}` : sql`r.id = ${own}`;
    inner = sql`EXISTS (SELECT 1 FROM ${sql.table(tmeta.table)} AS r WHERE ${join} AND ${sql.join(conds, sql` AND `)})`;
  }
  return negative ? sql`NOT ${inner}` : inner;
}

async function conditionFor(
  fc: FilterContext,
  f: { field: string; op: string; value?: unknown },
  path: string,
): Promise<Cond> {
  const [head, ...tail] = f.field.split('.');
  if (!head) throw fieldError(path, 'Name a field');
  const direct = fc.meta.byName.get(head);
  if (direct && (tail.length === 0 || direct.type === 'money'))
    return fieldCondition(fc, fc.meta, fc.alias, head, tail.join('.') || null, f.op, f.value, f.field);
  if (tail.length) return relatedCondition(fc, head, tail.join('.'), f.op, f.value, f.field);
  throw fieldError(f.field, `Unknown field ${f.field}`);
}

export async function compileFilters(fc: FilterContext, filters: RecordFilter[]): Promise<Cond[]> {
  const out: Cond[] = [];
  for (const [i, f] of filters.entries()) {
    if ('or' in f) {
      const parts: Cond[] = [];
      for (const [j, g] of f.or.entries()) parts.push(await conditionFor(fc, g, `filters.${i}.or.${j}`));
      out.push(sql`(${sql.join(parts, sql` OR `)})`);
    } else out.push(await conditionFor(fc, f, `filters.${i}`));
  }
  return out;
}

export type { Param };
