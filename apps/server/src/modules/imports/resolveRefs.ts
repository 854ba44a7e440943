// Relation cells name their target by id or by name ("Acme Ltd", "ada@example.com" for an owner,
// "Proposal" for a deal stage). One batch resolves all its names in one query per target object;
// missing records are created when the import asks for it (a contact's company).
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { isUuid } from '../../platform/ids';
import { defaultPipelineId } from '../pipelines/pipelineQueries';
import { loadObject } from '../records/meta/loadObject';
import type { LoadedObject } from '../records/meta/types';
import { baseCondition, fieldExpr } from '../records/query/fieldSql';
import { scopeSql } from '../records/read/fetchRecords';
import { insertRecord } from '../records/write/saveRecord';
import { validateInput } from '../records/write/validateInput';
import { isRelationRef, type RelationRef } from './coerce/coerceCell';
import type { RowValues } from './rowValues';
import { inSavepoint } from './savepoint';

const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface CreatedRef {
  object: string;
  id: string;
  row: number;
  values: Record<string, unknown>;
}

export interface RefResolver {
  /** Resolves every RelationRef of the rows in place; unresolved ones become row errors. */
  resolve(ctx: Ctx, rows: RowValues[]): Promise<CreatedRef[]>;
}

type Lookup = Map<string, string[]>;

function add(l: Lookup, key: string, id: string) {
  const list = l.get(key) ?? [];
  if (!list.includes(id)) list.push(id);
  l.set(key, list);
}

async function lookupUsers(ctx: Ctx, texts: string[]): Promise<Lookup> {
  const keys = texts.map(norm);
  const res = await sql<{ id: string; email: string; name: string }>`
    SELECT id, email, name FROM users
    WHERE workspace_id = ${ctx.workspaceId} AND active
      AND (lower(email) IN (${sql.join(keys)}) OR lower(name) IN (${sql.join(keys)}))`.execute(ctx.db);
  const l: Lookup = new Map();
  for (const r of res.rows) {
    add(l, norm(r.email), r.id);
    add(l, norm(r.name), r.id);
  }
  return l;
}

/** Pipelines, stages, teams, units: small tables, matched by name or by a label in either language. */
async function lookupNamed(
  ctx: Ctx,
  table: string,
  texts: string[],
  extra: RawBuilder<unknown>,
  labels: boolean,
): Promise<Lookup & Map<string, string[]>> {
  const keys = texts.map(norm);
  const labelCond = labels
    ? sql` OR lower(labels->>'en') IN (${sql.join(keys)}) OR lower(labels->>'zh-CN') IN (${sql.join(keys)})`
    : sql``;
  const labelCols = labels
    ? sql`, labels->>'en' AS en, labels->>'zh-CN' AS zh`
    : sql`, NULL AS en, NULL AS zh`;
  const res = await sql<{ id: string; name: string; en: string | null; zh: string | null }>`
    SELECT id, name ${labelCols} FROM ${sql.table(table)}
    WHERE workspace_id = ${ctx.workspaceId} ${extra} AND (lower(name) IN (${sql.join(keys)})${labelCond})`.execute(
    ctx.db,
  );
  const l: Lookup = new Map();
  for (const r of res.rows) for (const n of [r.name, r.en, r.zh]) if (n) add(l, norm(n), r.id);
  return l;
}

/** Records by their title field: exact first (the title index), then ignoring case (trigram). */
async function lookupRecords(ctx: Ctx, meta: LoadedObject, texts: string[]): Promise<Lookup> {
  const title = meta.byName.get(meta.titleField);
  const l: Lookup = new Map();
  if (!title || title.storage.kind === 'link') return l;
  const e = fieldExpr(title, 'r');
  const conds: RawBuilder<unknown>[] = [baseCondition(meta, 'r', ctx.workspaceId), sql`r.deleted_at IS NULL`];
  const scope = scopeSql(ctx.actor, meta.name, 'read', 'r');
  if (scope) conds.push(scope);
  const where = sql.join(conds, sql` AND `);
  const exact = await sql<{ id: string; title: string }>`
    SELECT r.id, ${e} AS title FROM ${sql.table(meta.table)} AS r
    WHERE ${where} AND ${e} IN (${sql.join(texts.map((t) => t.trim()))})`.execute(ctx.db);
  for (const r of exact.rows) add(l, norm(r.title), r.id);
  const rest = texts.filter((t) => !l.has(norm(t)));
  if (rest.length) {
    const patterns = rest.map((t) => escapeLike(t.trim()));
    const loose = await sql<{ id: string; title: string }>`
      SELECT r.id, ${e} AS title FROM ${sql.table(meta.table)} AS r
      WHERE ${where} AND ${e} ILIKE ANY (ARRAY[${sql.join(patterns)}]::text[])`.execute(ctx.db);
    for (const r of loose.rows) add(l, norm(r.title), r.id);
  }
  return l;
}

interface Pending {
  row: RowValues;
  field: string;
  ref: RelationRef;
  /** For list fields: the position in the list. */
  index?: number;
}

export function refResolver(meta: LoadedObject, opts: { createMissing: boolean }): RefResolver {
  const metas = new Map<string, LoadedObject>([[meta.name, meta]]);
  const stages: StageCache = new Map();
  const metaOf = async (ctx: Ctx, object: string) => {
    let m = metas.get(object);
    if (!m) {
      m = await loadObject(ctx, object);
      metas.set(object, m);
    }
    return m;
  };

  return {
    async resolve(ctx, rows) {
      const pending: Pending[] = [];
      for (const row of rows) {
        for (const [field, v] of Object.entries(row.values)) {
          if (isRelationRef(v)) pending.push({ row, field, ref: v });
          else if (Array.isArray(v)) {
            for (const [index, x] of v.entries())
              if (isRelationRef(x)) pending.push({ row, field, ref: x, index });
          }
        }
      }
      const byObject = new Map<string, Set<string>>();
      for (const p of pending) {
        if (isUuid(p.ref.text)) continue;
        const s = byObject.get(p.ref.object) ?? new Set<string>();
        s.add(p.ref.text);
        byObject.set(p.ref.object, s);
      }
      const lookups = new Map<string, Lookup>();
      for (const [object, set] of byObject) {
        const texts = [...set];
        if (object === 'users') lookups.set(object, await lookupUsers(ctx, texts));
        else if (object === 'teams')
          lookups.set(object, await lookupNamed(ctx, 'teams', texts, sql``, false));
        else if (object === 'businessUnits')
          lookups.set(object, await lookupNamed(ctx, 'business_units', texts, sql``, false));
        else if (object === 'pipelines')
          lookups.set(object, await lookupNamed(ctx, 'pipelines', texts, sql`AND archived_at IS NULL`, true));
        else if (object === 'pipelineStages')
          continue; // per row: a stage name means something within its pipeline
        else lookups.set(object, await lookupRecords(ctx, await metaOf(ctx, object), texts));
      }
      const created: CreatedRef[] = [];
      const createdByName = new Map<string, string>();
      const set = (p: Pending, id: string) => {
        if (p.index === undefined) p.row.values[p.field] = id;
        else (p.row.values[p.field] as unknown[])[p.index] = id;
      };
      const fail = (p: Pending, message: string) => {
        p.row.errors.push({
          row: p.row.row,
          column: p.row.columnOf.get(p.field) ?? null,
          field: p.field,
          message,
        });
        delete p.row.values[p.field];
      };
      // Stages after pipelines, since a stage is looked up in its row's pipeline.
      const ordered = [
        ...pending.filter((p) => p.ref.object !== 'pipelineStages'),
        ...pending.filter((p) => p.ref.object === 'pipelineStages'),
      ];
      for (const p of ordered) {
        const text = p.ref.text;
        if (isUuid(text)) {
          set(p, text.toLowerCase()); // existence and visibility are checked by the engine on write
          continue;
        }
        if (p.ref.object === 'pipelineStages') {
          await resolveStage(ctx, stages, p, set, fail);
          continue;
        }
        const ids = lookups.get(p.ref.object)?.get(norm(text)) ?? [];
        if (ids.length === 1) {
          set(p, ids[0]!);
          continue;
        }
        if (ids.length > 1) {
          fail(p, `${ids.length} ${p.ref.object} are named "${text}"; use the id instead`);
          continue;
        }
        const again = createdByName.get(`${p.ref.object}:${norm(text)}`);
        if (again) {
          set(p, again);
          continue;
        }
        if (opts.createMissing && !['users', 'teams', 'businessUnits', 'pipelines'].includes(p.ref.object)) {
          const target = await metaOf(ctx, p.ref.object);
          const values = { [target.titleField]: text };
          try {
            const rec = await inSavepoint(ctx, () =>
              insertRecord(ctx, target, validateInput(ctx, target, values, 'create')),
            );
            createdByName.set(`${p.ref.object}:${norm(text)}`, rec.id);
            created.push({ object: target.name, id: rec.id, row: p.row.row, values });
            set(p, rec.id);
          } catch (e) {
            fail(p, `Could not create ${target.labels.en.toLowerCase()} "${text}": ${(e as Error).message}`);
          }
          continue;
        }
        const what = p.ref.object === 'users' ? 'user' : p.ref.object;
        fail(
          p,
          p.ref.object === 'users'
            ? `No active user with the email or name "${text}"`
            : `No ${what} named "${text}"${opts.createMissing ? '' : ' (set createMissing to create it)'}`,
        );
      }
      return created;
    },
  };
}

type StageCache = Map<string, { id: string; pipeline_id: string }[]>;

async function resolveStage(
  ctx: Ctx,
  cache: StageCache,
  p: Pending,
  set: (p: Pending, id: string) => void,
  fail: (p: Pending, message: string) => void,
) {
  const pipelineId =
    typeof p.row.values.pipelineId === 'string' && isUuid(p.row.values.pipelineId)
      ? p.row.values.pipelineId
      : null;
  const key = norm(p.ref.text);
  let stages = cache.get(key);
  if (!stages) {
    const res = await sql<{ id: string; pipeline_id: string }>`
      SELECT id, pipeline_id FROM pipeline_stages
      WHERE workspace_id = ${ctx.workspaceId} AND archived_at IS NULL
        AND (lower(name) = ${key} OR lower(labels->>'en') = ${key} OR lower(labels->>'zh-CN') = ${key})`.execute(
      ctx.db,
    );
    stages = res.rows;
    cache.set(key, stages);
  }
  const within = pipelineId ? stages.filter((s) => s.pipeline_id === pipelineId) : stages;
  let pick = within.length === 1 ? within[0] : undefined;
  if (!pick && !pipelineId && within.length > 1) {
    const def = await defaultPipelineId(ctx.db, ctx.workspaceId);
    const inDefault = within.filter((s) => s.pipeline_id === def);
    if (inDefault.length === 1) pick = inDefault[0];
  }
  if (!pick) {
    fail(
      p,
      within.length > 1
        ? `Several pipelines have a stage "${p.ref.text}"; map a pipeline column too`
        : `No stage named "${p.ref.text}"${pipelineId ? ' in this pipeline' : ''}`,
    );
    return;
  }
  set(p, pick.id);
  // A stage implies its pipeline: a file with only a stage column still makes valid deals.
  if (!p.row.values.pipelineId) p.row.values.pipelineId = pick.pipeline_id;
}
