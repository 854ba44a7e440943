// Many creates at once, for imports: the same steps as insertRecord (defaults, ownership, hooks,
// required fields, references, history, outbox, after-write hooks) with one statement per step for
// the whole set instead of one per record. A record refused by a check is returned as its errors and
// not written; a refusal by the database itself (a unique index, a value out of range) throws, and
// the caller retries record by record to find the row at fault.
import { clock } from '../../../platform/clock';
import type { Ctx } from '../../../platform/context';
import { insertMany } from '../../../platform/db/insertMany';
import { emitEvents } from '../../../platform/events/outbox';
import type { FieldError } from '../../../platform/errors';
import { companyOf, writeHistoryOfMany } from '../history/writeHistory';
import type { ApiRecord, LoadedObject, WriteState } from '../meta/types';
import { fetchRecords } from '../read/fetchRecords';
import { jsonColumnsOf } from '../read/rowToRecord';
import type { OwnerCache } from './ownership';
import { checkReferencesOfMany } from './references';
import { createdFields, createRow, prepareCreate, saveLinks } from './saveRecord';
import type { ValidInput } from './validateInput';

export type InsertOutcome = { record: ApiRecord } | { errors: FieldError[] };

export async function insertRecords(
  ctx: Ctx,
  meta: LoadedObject,
  inputs: ValidInput[],
): Promise<InsertOutcome[]> {
  const now = clock.now();
  const owners: OwnerCache = new Map();
  const states: WriteState[] = [];
  for (const input of inputs) states.push(await prepareCreate(ctx, meta, input, owners));
  const unchecked = states.filter((w) => !w.errors.length);
  const refErrors = await checkReferencesOfMany(
    ctx,
    meta,
    unchecked.map((w) => ({ values: w.next, fields: w.given })),
  );
  unchecked.forEach((w, i) => {
    w.errors.push(...refErrors[i]!);
  });
  const good = states.filter((w) => !w.errors.length);
  if (!good.length) return states.map((w) => ({ errors: dedupe(w.errors) }));

  await insertMany(
    ctx.db,
    meta.table,
    good.map((w) => createRow(ctx, meta, w, now)),
    jsonColumnsOf(meta),
  );
  for (const w of good) await saveLinks(ctx, meta, w);
  const { records } = await fetchRecords(
    ctx.db,
    ctx.workspaceId,
    meta,
    good.map((w) => w.id),
  );
  const byId = new Map(records.map((r) => [r.id, r]));
  const written = good.map((w) => ({ w, rec: byId.get(w.id)! }));
  await writeHistoryOfMany(
    ctx,
    meta,
    written.map(({ w, rec }) => ({
      recordId: w.id,
      companyId: companyOf(meta, rec),
      entries: [{ kind: 'created' }],
    })),
    now,
  );
  await emitEvents(
    ctx.db,
    written.map(({ w, rec }) => ({
      workspaceId: ctx.workspaceId,
      type: 'record.created',
      object: meta.name,
      recordId: w.id,
      actorId: ctx.actor.userId,
      payload: { new: rec },
    })),
  );
  for (const { w, rec } of written)
    await meta.hooks?.afterWrite?.(ctx, {
      op: 'create',
      meta,
      id: w.id,
      old: null,
      new: rec,
      changed: createdFields(w),
      db: ctx.db,
    });
  return states.map((w) => (w.errors.length ? { errors: dedupe(w.errors) } : { record: byId.get(w.id)! }));
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}
