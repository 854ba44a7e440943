// Undoing a merge: the losers come back, what moved goes back to them, and the winner's fields
// return to their earlier values where nobody changed them since.
import { authorize } from '../../platform/access/authorize';
import { writeAudit } from '../../platform/audit/writeAudit';
import { clock } from '../../platform/clock';
import { type Ctx, inTx } from '../../platform/context';
import { emitEvent } from '../../platform/events/outbox';
import { Conflict, NotFound } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import { fetchRecords } from '../records/read/fetchRecords';
import { restore } from '../records/write/deleteRecord';
import { applyUpdate } from '../records/write/saveRecord';
import { validateInput } from '../records/write/validateInput';
import { sameValue } from '../imports/sameValue';
import { moveCustomRelationBack } from './customRelations';
import { moveBack } from './moveReferences';
import { refreshAfterMerge } from './refreshAfterMerge';
import { mergeReferences } from './references';
import type { MovedRows } from './tables';

export async function undoMerge(ctx: Ctx, mergeId: string) {
  return ctx.db.transaction().execute(async (db) => {
    const tx = inTx(ctx, db);
    const m = await db
      .selectFrom('record_merges')
      .selectAll()
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!m) throw new NotFound('No such merge');
    const meta = await loadObject(tx, m.object);
    authorize(ctx.actor, meta.name, 'update');
    authorize(ctx.actor, meta.name, 'delete');
    if (m.undone_at) throw new Conflict('This merge was undone already');
    const visible = await fetchRecords(db, ctx.workspaceId, meta, [m.winner_id], { actor: ctx.actor });
    if (!visible.records[0]) throw new NotFound('No such merge');

    for (const loser of m.loser_ids) await restore(tx, meta, loser);
    const keyOf = (table: string) => {
      for (const refs of Object.values(mergeReferences))
        for (const r of refs) if (r.kind === 'link' && r.table === table) return r.key;
      return [];
    };
    for (const moved of [...(m.moved as MovedRows[])].reverse()) {
      if (moved.kind === 'custom') await moveCustomRelationBack(tx, db, moved, m.winner_id);
      else await moveBack(db, ctx.workspaceId, moved, keyOf, m.winner_id);
    }

    const current = (await fetchRecords(db, ctx.workspaceId, meta, [m.winner_id])).records[0]!;
    const patch: Record<string, unknown> = {};
    const kept: string[] = [];
    for (const [field, old] of Object.entries(m.winner_before)) {
      const f = meta.byName.get(field);
      if (!f) continue;
      if (sameValue(f.type, current[field], m.winner_after[field])) patch[field] = old;
      else kept.push(field);
    }
    if (Object.keys(patch).length)
      await applyUpdate(tx, meta, m.winner_id, validateInput(tx, meta, patch, 'update'));
    await refreshAfterMerge(db, ctx.workspaceId, meta.name, [m.winner_id, ...m.loser_ids]);
    await db
      .deleteFrom('merged_records')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('merge_id', '=', mergeId)
      .execute();
    await db
      .updateTable('record_merges')
      .set({ undone_at: clock.now(), undone_by: ctx.actor.userId })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', mergeId)
      .execute();
    await writeAudit(db, ctx.actor, {
      action: 'record.unmerged',
      targetType: meta.name,
      targetId: m.winner_id,
      details: { mergeId, loserIds: m.loser_ids, keptLaterEdits: kept },
    });
    await emitEvent(db, {
      workspaceId: ctx.workspaceId,
      type: 'record.unmerged',
      object: meta.name,
      recordId: m.winner_id,
      actorId: ctx.actor.userId,
      payload: { mergeId, loserIds: m.loser_ids },
    });
    return { mergeId, restored: m.loser_ids, keptLaterEdits: kept };
  });
}
