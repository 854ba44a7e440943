// One batch of coerced rows (BATCH_ROWS, 2,000) inside one transaction: resolve relations, find matches,
// then create, update or skip each row through the record engine. Creates are written as a set;
// every write runs in a savepoint, so a refused row is reported and the others still commit.
import type { Ctx } from '../../platform/context';
import { AppError, ValidationError } from '../../platform/errors';
import type { ApiRecord, LoadedObject } from '../records/meta/types';
import { type InsertOutcome, insertRecords } from '../records/write/insertRecords';
import { applyUpdate, insertRecord } from '../records/write/saveRecord';
import { type ValidInput, validateInput } from '../records/write/validateInput';
import type { ColumnMapping } from './autoMap';
import type { CoerceOptions } from './coerce/coerceCell';
import type { ImportField } from './importFields';
import { alternativeFor, MatchIndex, type MatchPlan } from './matchIndex';
import { findMatches } from './matchRecords';
import type { RefResolver } from './resolveRefs';
import { inSavepoint } from './savepoint';
import type { RowError, RowValues } from './rowValues';
import { mergedList, sameValue } from './sameValue';

export type OnMatch = 'update' | 'skip' | 'create';

export interface BatchEnv {
  meta: LoadedObject;
  fields: ReadonlyMap<string, ImportField>;
  mapping: readonly ColumnMapping[];
  coerce: CoerceOptions;
  plan: MatchPlan;
  onMatch: OnMatch;
  clearEmpty: boolean;
  resolver: RefResolver;
  /** Records made by earlier batches of a dry run (rolled back, so the database cannot see them). */
  dryRunCreated?: DryRunMemory;
}

export interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface Change {
  object: string;
  recordId: string;
  action: 'created' | 'updated';
  row: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface PreviewRow {
  row: number;
  action: 'create' | 'update' | 'skip' | 'fail';
  recordId: string | null;
  values: Record<string, unknown>;
}

export interface BatchResult {
  counts: Counts;
  errors: RowError[];
  changes: Change[];
  preview: PreviewRow[];
}

/** Match keys of rows a dry run would have created, bounded so memory stays flat. */
export class DryRunMemory {
  private readonly keys = new Set<string>();
  constructor(private readonly max = 200_000) {}
  keyOf(plan: MatchPlan, values: Record<string, unknown>): string | null {
    const alt = alternativeFor(plan, values);
    if (!alt) return null;
    return alt
      .map(
        (f) =>
          `${f.name}=${JSON.stringify(typeof values[f.name] === 'string' ? (values[f.name] as string).toLowerCase() : values[f.name])}`,
      )
      .join('&');
  }
  has(k: string | null) {
    return k !== null && this.keys.has(k);
  }
  add(k: string | null) {
    if (k !== null && this.keys.size < this.max) this.keys.add(k);
  }
}

const appErrorToRow = (row: RowValues, err: AppError): RowError[] => {
  const list = err.errors?.length ? err.errors : [{ field: '', message: err.message }];
  return list.map((e) => {
    const field = e.field.replace(/^(create|update)\.\d+\./, '') || null;
    return { row: row.row, column: (field && row.columnOf.get(field)) ?? null, field, message: e.message };
  });
};

/** The patch an update would apply: only values that differ; list fields keep what they had. */
function patchFor(env: BatchEnv, rv: RowValues, rec: ApiRecord): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rv.values)) {
    const f = env.fields.get(name);
    if (!f) continue;
    const next = f.many ? mergedList(f.type, rec[name], value as unknown[]) : value;
    const same = f.many
      ? JSON.stringify(next) === JSON.stringify(rec[name] ?? [])
      : sameValue(f.type, rec[name], next);
    if (!same) patch[name] = next;
  }
  if (env.clearEmpty) {
    for (const name of rv.empty) {
      const f = env.fields.get(name);
      if (f && !f.readOnly && !sameValue(f.type, rec[name], null)) patch[name] = f.many ? [] : null;
    }
  }
  return patch;
}

const pick = (rec: ApiRecord, names: Iterable<string>) => {
  const o: Record<string, unknown> = {};
  for (const n of names) o[n] = rec[n] ?? null;
  return o;
};

export async function processBatch(
  ctx: Ctx,
  env: BatchEnv,
  /** The batch's rows, already coerced (`rowValues`): the runner does that while the previous batch writes. */
  values: RowValues[],
  previewWanted: number,
): Promise<BatchResult> {
  const result: BatchResult = {
    counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
    errors: [],
    changes: [],
    preview: [],
  };
  const created = await env.resolver.resolve(
    ctx,
    values.filter((v) => !v.errors.length),
  );
  for (const c of created)
    result.changes.push({
      object: c.object,
      recordId: c.id,
      action: 'created',
      row: c.row,
      before: null,
      after: c.values,
    });

  const good = values.filter((v) => !v.errors.length);
  const matches =
    env.onMatch === 'create'
      ? new Map<number, ApiRecord[]>()
      : await findMatches(
          ctx,
          env.meta,
          env.plan,
          good.map((v) => v.values),
        );
  const matchOf = new Map(good.map((v, i) => [v, matches.get(i) ?? []]));
  // Records this batch wrote, newest state: a later row of the same batch matches and diffs against them.
  const touched = new MatchIndex(env.plan);
  const mapped = new Set(
    env.mapping
      .filter((m) => m.field)
      .map((m) => (m.field === 'fullName' ? 'name' : m.field!.split('.')[0]!)),
  );

  // Every row's preview is collected, then the first ones by row number kept: creates are written
  // after the rows that follow them, so the order they finish in is not the file's.
  const previews: PreviewRow[] = [];
  const preview = (rv: RowValues, action: PreviewRow['action'], rec: ApiRecord | null) => {
    if (previewWanted <= 0) return;
    previews.push({
      row: rv.row,
      action,
      recordId: rec?.id ?? null,
      values: rec
        ? pick(
            rec,
            [...mapped].filter((n) => n in rec || env.fields.has(n)),
          )
        : { ...rv.values },
    });
  };
  const fail = (rv: RowValues, errs: RowError[]) => {
    result.counts.failed++;
    result.errors.push(...errs);
    preview(rv, 'fail', null);
  };
  /** Reports a refused write; anything but a refusal is a fault of ours and aborts the batch. */
  const refused = (rv: RowValues, err: unknown) => {
    if (err instanceof AppError) return fail(rv, appErrorToRow(rv, err));
    if (isDbRefusal(err))
      return fail(rv, [
        {
          row: rv.row,
          column: null,
          field: null,
          message: `The database refused this row (${(err as Error).message})`,
        },
      ]);
    throw err;
  };

  // Creates wait here and are written together (one statement per step for the lot). A later row
  // that would match one of them writes them first, so it updates the record rather than doubling it.
  interface PendingCreate {
    rv: RowValues;
    input: ValidInput;
    dryKey: string | null;
  }
  let pending: PendingCreate[] = [];
  let pendingIndex = new MatchIndex(env.plan);
  const onCreated = (p: PendingCreate, rec: ApiRecord) => {
    touched.add(rec);
    env.dryRunCreated?.add(p.dryKey);
    result.counts.created++;
    result.changes.push({
      object: env.meta.name,
      recordId: rec.id,
      action: 'created',
      row: p.rv.row,
      before: null,
      after: {},
    });
    preview(p.rv, 'create', rec);
  };
  const flush = async () => {
    if (!pending.length) return;
    const list = pending;
    pending = [];
    pendingIndex = new MatchIndex(env.plan);
    let outcomes: InsertOutcome[] | null = null;
    try {
      outcomes = await inSavepoint(ctx, () =>
        insertRecords(
          ctx,
          env.meta,
          list.map((p) => p.input),
        ),
      );
    } catch (err) {
      if (!(err instanceof AppError) && !isDbRefusal(err)) throw err;
    }
    if (outcomes) {
      list.forEach((p, i) => {
        const o = outcomes[i]!;
        if ('record' in o) onCreated(p, o.record);
        else refused(p.rv, new ValidationError(o.errors));
      });
      return;
    }
    // The set was refused as a whole: write row by row to find and report the rows at fault.
    for (const p of list) {
      try {
        onCreated(p, await inSavepoint(ctx, () => insertRecord(ctx, env.meta, p.input)));
      } catch (err) {
        refused(p.rv, err);
      }
    }
  };

  for (const rv of values) {
    if (rv.errors.length) {
      fail(rv, rv.errors);
      continue;
    }
    const alt = alternativeFor(env.plan, rv.values);
    const matching = env.onMatch !== 'create' && alt !== null;
    if (matching && pendingIndex.matching(alt, rv.values).length) await flush();
    const hits = (matchOf.get(rv) ?? []).map((r) => touched.get(r.id) ?? r);
    if (matching)
      for (const rec of touched.matching(alt, rv.values))
        if (!hits.some((h) => h.id === rec.id)) hits.push(rec);
    const dryKey = env.dryRunCreated?.keyOf(env.plan, rv.values) ?? null;
    if (!hits.length && env.onMatch !== 'create' && env.dryRunCreated?.has(dryKey)) {
      // A dry run already "created" this key in an earlier batch: the real run would update it.
      result.counts.updated++;
      preview(rv, 'update', null);
      continue;
    }
    if (hits.length > 1) {
      const col = alt ? (rv.columnOf.get(alt[0]!.name) ?? null) : null;
      fail(rv, [
        {
          row: rv.row,
          column: col,
          field: alt?.[0]?.name ?? null,
          message: `Matches ${hits.length} existing records; merge the duplicates first or match on another field`,
        },
      ]);
      continue;
    }
    try {
      if (hits.length === 1 && env.onMatch !== 'create') {
        const old = hits[0]!;
        if (env.onMatch === 'skip') {
          result.counts.skipped++;
          preview(rv, 'skip', old);
          continue;
        }
        const patch = patchFor(env, rv, old);
        if (!Object.keys(patch).length) {
          result.counts.skipped++;
          preview(rv, 'skip', old);
          continue;
        }
        const rec = await inSavepoint(ctx, () =>
          applyUpdate(ctx, env.meta, old.id, validateInput(ctx, env.meta, patch, 'update')),
        );
        if (rec.version === old.version) {
          result.counts.skipped++;
          preview(rv, 'skip', rec);
          continue;
        }
        const changed = Object.keys(patch).filter(
          (k) => JSON.stringify(old[k] ?? null) !== JSON.stringify(rec[k] ?? null),
        );
        touched.add(rec);
        result.counts.updated++;
        result.changes.push({
          object: env.meta.name,
          recordId: rec.id,
          action: 'updated',
          row: rv.row,
          before: pick(old, changed),
          after: pick(rec, changed),
        });
        preview(rv, 'update', rec);
      } else {
        const input = { ...rv.values };
        if (!env.clearEmpty) for (const name of rv.empty) delete input[name];
        pending.push({ rv, input: validateInput(ctx, env.meta, input, 'create'), dryKey });
        pendingIndex.add({ id: `row:${rv.row}`, ...rv.values } as ApiRecord);
      }
    } catch (err) {
      refused(rv, err);
    }
  }
  await flush();
  previews.sort((a, b) => a.row - b.row);
  result.preview = previews.slice(0, previewWanted);
  return result;
}

const isDbRefusal = (err: unknown) => {
  const code = (err as { code?: string } | null)?.code;
  // The database refused a value (too long for an index, out of range, a unique key taken).
  return typeof code === 'string' && /^(22|23)/.test(code);
};
