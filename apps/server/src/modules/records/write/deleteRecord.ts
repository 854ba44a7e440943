// Soft delete and restore: the row stays (deleted_at set) until the recycle-bin purge, so a
// mistake is one click from undone; history and outbox record both directions.
import { sql } from 'kysely';
import { authorize } from '../../../platform/access/authorize';
import { clock } from '../../../platform/clock';
import type { Ctx } from '../../../platform/context';
import { emitEvent } from '../../../platform/events/outbox';
import { NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { companyOf, writeHistory } from '../history/writeHistory';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord, LoadedObject } from '../meta/types';
import { fetchRecords } from '../read/fetchRecords';
import { presentRecord } from '../read/presentRecord';
import { updateRow } from './rowWrites';
import { checkIfMatch, loadForWrite, requireScope } from './saveRecord';
import { withTx } from './withTx';

const notFound = (meta: LoadedObject, id: string) =>
  new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);

export async function softDelete(
  ctx: Ctx,
  meta: LoadedObject,
  id: string,
  opts: { ifMatch?: number } = {},
): Promise<ApiRecord> {
  const loaded = isUuid(id) ? await loadForWrite(ctx, meta, id.toLowerCase()) : null;
  if (!loaded) throw notFound(meta, id);
  const old = loaded.rec;
  requireScope(ctx, meta, old, 'delete');
  await checkIfMatch(ctx, meta, old, opts.ifMatch);
  const now = clock.now();
  await sql`UPDATE ${sql.table(meta.table)} SET deleted_at = ${now}, deleted_by = ${ctx.actor.userId}, version = version + 1
    WHERE workspace_id = ${ctx.workspaceId} AND id = ${old.id}`.execute(ctx.db);
  await writeHistory(ctx, meta, old.id, companyOf(meta, old), [{ kind: 'deleted' }], now);
  await emitEvent(ctx.db, {
    workspaceId: ctx.workspaceId,
    type: 'record.deleted',
    object: meta.name,
    recordId: old.id,
    actorId: ctx.actor.userId,
    payload: { old },
  });
  await meta.hooks?.afterWrite?.(ctx, {
    op: 'delete',
    meta,
    id: old.id,
    old,
    new: null,
    changed: [],
    db: ctx.db,
  });
  return old;
}

export async function restore(ctx: Ctx, meta: LoadedObject, id: string): Promise<ApiRecord> {
  const key = isUuid(id) ? id.toLowerCase() : null;
  const loaded = key ? await loadForWrite(ctx, meta, key, 'deleted') : null;
  if (!loaded) {
    // Restoring a live record is a no-op, so a retried restore succeeds.
    const live = key ? await fetchRecords(ctx.db, ctx.workspaceId, meta, [key], { actor: ctx.actor }) : null;
    if (live?.records[0]) return live.records[0];
    throw notFound(meta, id);
  }
  requireScope(ctx, meta, loaded.rec, 'delete');
  const now = clock.now();
  // Through updateRow: a unique value taken meanwhile (a tag name) is a 409 naming the field.
  await updateRow(ctx, meta, loaded.rec.id, { deleted_at: null, deleted_by: null });
  const rec = (await fetchRecords(ctx.db, ctx.workspaceId, meta, [loaded.rec.id])).records[0]!;
  await writeHistory(ctx, meta, rec.id, companyOf(meta, rec), [{ kind: 'restored' }], now);
  await emitEvent(ctx.db, {
    workspaceId: ctx.workspaceId,
    type: 'record.restored',
    object: meta.name,
    recordId: rec.id,
    actorId: ctx.actor.userId,
    payload: { new: rec },
  });
  await meta.hooks?.afterWrite?.(ctx, {
    op: 'restore',
    meta,
    id: rec.id,
    old: null,
    new: rec,
    changed: [],
    db: ctx.db,
  });
  return rec;
}

export async function deleteRecord(
  ctx: Ctx,
  object: string,
  id: string,
  opts: { ifMatch?: number } = {},
): Promise<void> {
  await withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    authorize(tx.actor, meta.name, 'delete');
    await softDelete(tx, meta, id, opts);
  });
}

export async function restoreRecord(ctx: Ctx, object: string, id: string): Promise<ApiRecord> {
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    authorize(tx.actor, meta.name, 'delete');
    return presentRecord(tx, meta, await restore(tx, meta, id));
  });
}
