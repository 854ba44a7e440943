// A record's score = the points of every fit rule its values match (size, industry, …) + the points
// its behaviour earned (a form submitted, an email replied: one row per rule and event). Written only
// when it changes, by the system, so the resulting record.updated recomputes to the same number and
// stops there.
import type { Executor } from '../../platform/db/schema';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { NotFound } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import type { ApiRecord } from '../records/meta/types';
import { getRecord } from '../records/read/getRecord';
import { updateRecord } from '../records/write/updateRecord';
import { matchesFilters } from '../workflows/conditions';
import './schema';

export async function recomputeScore(
  db: Executor,
  ws: string,
  object: string,
  recordId: string,
  known?: ApiRecord,
) {
  const sys = systemCtx(db, ws);
  const record =
    known ??
    (await getRecord(sys, object, recordId).catch((err) => {
      if (err instanceof NotFound) return null;
      throw err;
    }));
  if (!record) return null;
  const meta = await loadObject(sys, object);
  if (!meta.byName.has('score')) return null;
  const rules = await db
    .selectFrom('scoring_rules')
    .where('workspace_id', '=', ws)
    .where('object', '=', object)
    .where('active', '=', true)
    .where('event', 'is', null)
    .select(['when', 'points'])
    .execute();
  const tc = { userId: null, timeZone: meta.workspace.timeZone };
  const fit = rules
    .filter((r) => matchesFilters(meta, record, r.when as never, tc))
    .reduce((s, r) => s + r.points, 0);
  const behaviour = await db
    .selectFrom('score_events')
    .where('workspace_id', '=', ws)
    .where('object', '=', object)
    .where('record_id', '=', record.id)
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.val(0)).as('total'))
    .executeTakeFirst();
  const score = fit + Number(behaviour?.total ?? 0);
  if (Number(record.score ?? Number.NaN) !== score) await updateRecord(sys, object, record.id, { score });
  return score;
}
