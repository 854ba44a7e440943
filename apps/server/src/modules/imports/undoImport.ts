// Undo of an import: what it created is deleted (soft, so the recycle bin can bring it back), what
// it updated gets its earlier values again — field by field, and only where nobody has changed the
// field since, so undo never destroys later work. Pages of changes commit one by one and are marked
// done, so an interrupted undo resumes where it stopped.
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { hasCapability, requireCapability } from '../../platform/access/authorize';
import { loadActor } from '../../platform/auth/loadActor';
import { clock } from '../../platform/clock';
import { type Ctx, inTx } from '../../platform/context';
import type { Store } from '../../platform/db/open';
import { AppError, Conflict, Forbidden, NotFound } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import type { LoadedObject } from '../records/meta/types';
import { fetchRecords } from '../records/read/fetchRecords';
import { softDelete } from '../records/write/deleteRecord';
import { applyUpdate } from '../records/write/saveRecord';
import { validateInput } from '../records/write/validateInput';
import { type ImportRow, loadImport } from './importRows';
import { sameValue } from './sameValue';
import { inSavepoint } from './savepoint';
import { inBackground, UNDO_JOB } from './startImport';

const PAGE = 500;
export const SYNC_MAX_CHANGES = 2000;

export interface UndoSummary {
  deleted: number;
  restored: number;
  /** Fields left as they are because someone changed them after the import. */
  keptLaterEdits: number;
  /** Records already deleted or no longer within the actor's reach. */
  skipped: number;
}

export function checkUndoable(ctx: Ctx, row: ImportRow | undefined): ImportRow {
  if (!row) throw new NotFound('No such import');
  requireCapability(ctx.actor, 'importData');
  if (row.created_by !== ctx.actor.userId && !hasCapability(ctx.actor, 'manageSettings'))
    throw new Forbidden('Only the person who ran the import or an administrator can undo it');
  if (row.dry_run) throw new Conflict('A dry run wrote nothing, so there is nothing to undo');
  if (row.status === 'undone' || row.status === 'undoing') return row;
  if (row.status !== 'completed' && row.status !== 'failed')
    throw new Conflict(`The import is ${row.status}; wait until it has finished to undo it`);
  return row;
}

async function undoPage(
  ctx: Ctx,
  row: ImportRow,
  metas: Map<string, LoadedObject>,
  summary: UndoSummary,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (db) => {
    const tx = inTx(ctx, db);
    const changes = await db
      .selectFrom('import_changes')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('import_id', '=', row.id)
      .where('undone_at', 'is', null)
      .orderBy('seq', 'desc')
      .limit(PAGE)
      .selectAll()
      .execute();
    if (!changes.length) return false;
    for (const c of changes) {
      let meta = metas.get(c.object);
      if (!meta) {
        meta = await loadObject(tx, c.object);
        metas.set(c.object, meta);
      }
      try {
        if (c.action === 'created') {
          await inSavepoint(tx, () => softDelete(tx, meta, c.record_id));
          summary.deleted++;
          continue;
        }
        const current = (await fetchRecords(db, ctx.workspaceId, meta, [c.record_id], { actor: ctx.actor }))
          .records[0];
        if (!current) {
          summary.skipped++;
          continue;
        }
        const before = (c.before ?? {}) as Record<string, unknown>;
        const after = (c.after ?? {}) as Record<string, unknown>;
        const patch: Record<string, unknown> = {};
        for (const [field, old] of Object.entries(before)) {
          const f = meta.byName.get(field);
          if (!f) continue;
          if (sameValue(f.type, current[field], after[field])) patch[field] = old;
          else summary.keptLaterEdits++;
        }
        if (Object.keys(patch).length) {
          await inSavepoint(tx, () =>
            applyUpdate(tx, meta, c.record_id, validateInput(tx, meta, patch, 'update')),
          );
          summary.restored++;
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        summary.skipped++; // deleted meanwhile, or out of the actor's scope now
      }
    }
    await db
      .updateTable('import_changes')
      .set({ undone_at: clock.now() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('import_id', '=', row.id)
      .where(
        'record_id',
        'in',
        changes.map((c) => c.record_id),
      )
      .where('undone_at', 'is', null)
      .execute();
    await db
      .updateTable('imports')
      .set({ undo_summary: JSON.stringify(summary) })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', row.id)
      .execute();
    return true;
  });
}

/** Runs (or resumes) the undo of an import whose status is already 'undoing'. */
export async function runUndo(
  store: Store,
  workspaceId: string,
  importId: string,
  actorUserId: string,
): Promise<void> {
  const row = await loadImport(store.db, workspaceId, importId);
  if (row?.status !== 'undoing') return;
  const loaded = await loadActor(store.db, workspaceId, actorUserId, 'user');
  if (!loaded) return;
  const ctx: Ctx = { db: store.db, actor: loaded.actor, workspaceId };
  const summary: UndoSummary = {
    deleted: 0,
    restored: 0,
    keptLaterEdits: 0,
    skipped: 0,
    ...((row.undo_summary as object | null) ?? {}),
  };
  const metas = new Map<string, LoadedObject>();
  while (await undoPage(ctx, row, metas, summary)) {
    // one committed page at a time
  }
  await store.db
    .updateTable('imports')
    .set({
      status: 'undone',
      undone_at: clock.now(),
      undone_by: actorUserId,
      undo_summary: JSON.stringify(summary),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', importId)
    .execute();
}

export async function undoImport(
  ctx: Ctx,
  store: Store,
  log: FastifyBaseLogger,
  importId: string,
): Promise<'done' | 'background'> {
  const row = checkUndoable(ctx, await loadImport(ctx.db, ctx.workspaceId, importId));
  if (row.status === 'undone') return 'done';
  if (row.status !== 'undoing') {
    await ctx.db
      .updateTable('imports')
      .set({ status: 'undoing', undone_by: ctx.actor.userId })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', importId)
      .where('status', 'in', ['completed', 'failed'])
      .execute();
  }
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM import_changes
    WHERE workspace_id = ${ctx.workspaceId} AND import_id = ${importId} AND undone_at IS NULL`.execute(
    ctx.db,
  );
  const userId = ctx.actor.userId!;
  if ((n.rows[0]?.n ?? 0) <= SYNC_MAX_CHANGES) {
    await runUndo(store, ctx.workspaceId, importId, userId);
    return 'done';
  }
  await inBackground(
    UNDO_JOB,
    { workspaceId: ctx.workspaceId, importId, userId },
    () => runUndo(store, ctx.workspaceId, importId, userId),
    log,
  );
  return 'background';
}
