// What a merge (or its undo) moves with plain UPDATEs bypasses the record hooks that keep derived
// data current, so it is recomputed here for every record involved: the activity links derived
// through a contact's company, the activity rollups (last activity, next task) and the open-deal
// rollups of the winner and the losers, and of the companies of merged contacts.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { rebuildLinksOfRecord } from '../activities/activityLinks';
import { refreshActivityRollups } from '../activities/activityRollups';
import { refreshDealRollups } from '../deals/dealRollups';

export async function refreshAfterMerge(
  db: Executor,
  ws: string,
  object: string,
  ids: string[],
): Promise<void> {
  const targets = ids.map((id) => ({ object, id }));
  if (object === 'contacts') {
    for (const id of ids) await rebuildLinksOfRecord(db, ws, 'contacts', id);
    const companies = await sql<{ company_id: string }>`SELECT DISTINCT company_id FROM contacts
      WHERE workspace_id = ${ws} AND id IN (${sql.join(ids)}) AND company_id IS NOT NULL`.execute(db);
    targets.push(...companies.rows.map((r) => ({ object: 'companies', id: r.company_id })));
    await refreshDealRollups(db, ws, [], ids);
  }
  if (object === 'companies') await refreshDealRollups(db, ws, ids, []);
  await refreshActivityRollups(db, ws, targets);
}
