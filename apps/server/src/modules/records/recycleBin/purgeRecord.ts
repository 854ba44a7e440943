// Permanent deletion of one record from the recycle bin, by someone who may delete it.
import { sql } from 'kysely';
import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { emitEvent } from '../../../platform/events/outbox';
import { NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { loadObject } from '../meta/loadObject';
import { loadForWrite, requireScope } from '../write/saveRecord';
import { withTx } from '../write/withTx';

export async function purgeRecord(ctx: Ctx, object: string, id: string): Promise<void> {
  await withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    authorize(tx.actor, meta.name, 'delete');
    const loaded = isUuid(id) ? await loadForWrite(tx, meta, id.toLowerCase(), 'deleted') : null;
    if (!loaded) throw new NotFound(`No deleted ${meta.labels.en.toLowerCase()} with id ${id}`);
    requireScope(tx, meta, loaded.rec, 'delete');
    const rid = loaded.rec.id;
    await sql`DELETE FROM ${sql.table(meta.table)} WHERE workspace_id = ${tx.workspaceId} AND id = ${rid}`.execute(
      tx.db,
    );
    for (const table of ['record_history', 'activity_links', 'taggings'])
      await sql`DELETE FROM ${sql.table(table)} WHERE workspace_id = ${tx.workspaceId} AND object = ${meta.name} AND record_id = ${rid}`.execute(
        tx.db,
      );
    await emitEvent(tx.db, {
      workspaceId: tx.workspaceId,
      type: 'record.purged',
      object: meta.name,
      recordId: rid,
      actorId: tx.actor.userId,
      payload: { object: meta.name, id: rid },
    });
  });
}
