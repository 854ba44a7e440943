// Merging duplicates into one record: the winner takes the chosen field values (by default its own,
// with empty fields filled from the losers, and list fields united), everything that pointed at a
// loser moves to the winner, the losers are deleted (restorable) and point at the winner, and an
// audit entry and an outbox event record it. All in one transaction; undoMerge.ts reverses it.
import { z } from 'zod';
import { authorize } from '../../platform/access/authorize';
import { writeAudit } from '../../platform/audit/writeAudit';
import { clock } from '../../platform/clock';
import { type Ctx, inTx } from '../../platform/context';
import { emitEvent } from '../../platform/events/outbox';
import { fieldError, NotFound, Unprocessable, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadObject } from '../records/meta/loadObject';
import type { ApiRecord } from '../records/meta/types';
import { fetchRecords } from '../records/read/fetchRecords';
import { presentRecord } from '../records/read/presentRecord';
import { softDelete } from '../records/write/deleteRecord';
import { applyUpdate, requireScope } from '../records/write/saveRecord';
import { validateInput } from '../records/write/validateInput';
import { mergedList, sameValue } from '../imports/sameValue';
import { moveCustomRelations } from './customRelations';
import { moveReference } from './moveReferences';
import { refreshAfterMerge } from './refreshAfterMerge';
import { mergeReferences } from './references';
import type { MovedRows } from './tables';
import './tables';

export const mergeBody = z
  .object({
    winnerId: z.string().uuid(),
    loserIds: z.array(z.string().uuid()).min(1).max(20),
    /** Field → the record (winner or a loser) whose value the winner keeps. */
    fields: z.record(z.string(), z.string().uuid()).optional(),
  })
  .strict();
export type MergeInput = z.infer<typeof mergeBody>;

const empty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export async function mergeRecords(ctx: Ctx, object: string, input: MergeInput) {
  const refs = mergeReferences[object];
  const meta = await loadObject(ctx, object);
  if (!refs)
    throw new Unprocessable(
      `Merging is available for ${Object.keys(mergeReferences).join(', ')}, not ${object}`,
    );
  authorize(ctx.actor, meta.name, 'update');
  authorize(ctx.actor, meta.name, 'delete');
  const winnerId = input.winnerId.toLowerCase();
  const loserIds = [...new Set(input.loserIds.map((x) => x.toLowerCase()))];
  if (loserIds.includes(winnerId)) throw fieldError('loserIds', 'The winner cannot also be merged away');

  return ctx.db.transaction().execute(async (db) => {
    const tx = inTx(ctx, db);
    const { records } = await fetchRecords(db, ctx.workspaceId, meta, [winnerId, ...loserIds], {
      actor: ctx.actor,
      forUpdate: true,
    });
    const byId = new Map(records.map((r) => [r.id, r]));
    const winner = byId.get(winnerId);
    if (!winner) throw new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${winnerId}`);
    const missing = loserIds.filter((id) => !byId.has(id));
    if (missing.length) throw new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${missing[0]}`);
    requireScope(tx, meta, winner, 'update');
    const losers = loserIds.map((id) => byId.get(id)!);
    for (const l of losers) requireScope(tx, meta, l, 'delete');

    // The winner's values after the merge.
    const writable = meta.fields.filter(
      (f) => !f.system && f.storage.kind !== 'link' && f.type !== 'moneyTotals' && f.type !== 'relatedTo',
    );
    const patch: Record<string, unknown> = {};
    const errors: { field: string; message: string }[] = [];
    for (const [field, source] of Object.entries(input.fields ?? {})) {
      const f = writable.find((x) => x.name === field);
      if (!f) errors.push({ field: `fields.${field}`, message: 'Not a field that a merge can choose' });
      else if (!byId.has(source.toLowerCase()))
        errors.push({ field: `fields.${field}`, message: 'Choose the winner or one of the losers' });
      else patch[field] = byId.get(source.toLowerCase())![field] ?? null;
    }
    if (errors.length) throw new ValidationError(errors);
    for (const f of writable) {
      if (f.name in patch) continue;
      if (f.many) {
        const all = losers.reduce(
          (acc, l) => mergedList(f.type, acc, (l[f.name] as unknown[]) ?? []),
          winner[f.name] ?? [],
        );
        if (!sameValue(f.type, all, winner[f.name])) patch[f.name] = all;
      } else if (empty(winner[f.name])) {
        const from = losers.find((l) => !empty(l[f.name]));
        if (from) patch[f.name] = from[f.name];
      }
    }
    // A loser's email or phone the winner does not hold is kept in the winner's lists.
    for (const [one, many] of [
      ['email', 'emails'],
      ['phone', 'phones'],
    ] as const) {
      if (!meta.byName.get(many)) continue;
      const main = patch[one] ?? winner[one];
      const extras = losers
        .map((l) => l[one])
        .filter((v) => !empty(v) && !sameValue(meta.byName.get(one)!.type, v, main));
      if (extras.length)
        patch[many] = mergedList(meta.byName.get(one)!.type, patch[many] ?? winner[many] ?? [], extras);
    }
    for (const k of Object.keys(patch))
      if (sameValue(meta.byName.get(k)!.type, patch[k], winner[k])) delete patch[k];

    const moved: MovedRows[] = [];
    for (const l of losers) {
      for (const r of refs) {
        const m = await moveReference(db, ctx.workspaceId, r, l.id, winnerId);
        if (m) moved.push(m);
      }
      moved.push(...(await moveCustomRelations(tx, meta.name, l.id, winnerId)));
      await softDelete(tx, meta, l.id);
    }
    let after: ApiRecord = winner;
    if (Object.keys(patch).length)
      after = await applyUpdate(tx, meta, winnerId, validateInput(tx, meta, patch, 'update'));
    await refreshAfterMerge(db, ctx.workspaceId, meta.name, [winnerId, ...loserIds]);
    after = (await fetchRecords(db, ctx.workspaceId, meta, [winnerId])).records[0] ?? after;

    const id = newId();
    const before = Object.fromEntries(Object.keys(patch).map((k) => [k, winner[k] ?? null]));
    const afterValues = Object.fromEntries(Object.keys(patch).map((k) => [k, after[k] ?? null]));
    await db
      .insertInto('record_merges')
      .values({
        workspace_id: ctx.workspaceId,
        id,
        object: meta.name,
        winner_id: winnerId,
        loser_ids: loserIds,
        winner_before: JSON.stringify(before),
        winner_after: JSON.stringify(afterValues),
        moved: JSON.stringify(moved),
        created_by: ctx.actor.userId,
        created_at: clock.now(),
      })
      .execute();
    await db
      .insertInto('merged_records')
      .values(
        loserIds.map((l) => ({
          workspace_id: ctx.workspaceId,
          object: meta.name,
          loser_id: l,
          winner_id: winnerId,
          merge_id: id,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'object', 'loser_id']).doUpdateSet({ winner_id: winnerId, merge_id: id }),
      )
      .execute();
    const movedCount = moved.reduce((n, m) => n + (m.kind === 'link' ? m.rows.length : m.ids.length), 0);
    await writeAudit(db, ctx.actor, {
      action: 'record.merged',
      targetType: meta.name,
      targetId: winnerId,
      details: { mergeId: id, loserIds, fields: Object.keys(patch), moved: movedCount },
    });
    await emitEvent(db, {
      workspaceId: ctx.workspaceId,
      type: 'record.merged',
      object: meta.name,
      recordId: winnerId,
      actorId: ctx.actor.userId,
      payload: { mergeId: id, winnerId, loserIds },
    });
    return { mergeId: id, winner: await presentRecord(tx, meta, after), loserIds, moved: movedCount };
  });
}
