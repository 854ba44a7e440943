// date.reached: each date workflow remembers the last day it has handled (scanned_through). A scan
// handles every day since, up to today in the workspace's time zone: the records whose date field,
// moved by the offset, falls in those days get a run keyed by record and date. A day is never
// handled twice and never skipped (a server that was down catches up), and changing a contract's end
// date gives it a new key, so the renewal reminder follows the new date. Today itself is looked at
// again on every scan: a contract entered (or moved) at 10:00 to end exactly 30 days later is
// reminded today, not skipped because today's scan ran at 00:01; the run key keeps it to one run.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { registerRunNow } from '../../platform/dispatch/testHooks';
import { registerWork } from '../../platform/dispatch/work';
import { listRecords } from '../records/read/listRecords';
import { insertRun } from './createRun';
import { shiftDate, todayIn } from './durations';
import type { Trigger } from './workflowBody';
import './schema';

const SCAN_EVERY_MS = 60_000;
const PAGE = 200;
let lastScan = 0;

interface DateWorkflow {
  workspace_id: string;
  id: string;
  version: number;
  actions: unknown;
  trigger: Trigger;
  object: string;
  scanned_through: string;
  time_zone: string;
}

export async function scanDateTriggers(deps: ProcessDeps, opts: { force?: boolean } = {}): Promise<number> {
  const now = clock.now();
  if (!opts.force && now.getTime() - lastScan < SCAN_EVERY_MS) return 0;
  lastScan = now.getTime();
  const db = deps.store.db;
  const candidates = await sql<{ workspace_id: string; id: string }>`
    SELECT w.workspace_id, w.id FROM workflows w JOIN workspaces ws ON ws.id = w.workspace_id
    WHERE w.event = 'date.reached' AND w.active AND w.archived_at IS NULL
      AND w.scanned_through <= (${now}::timestamptz AT TIME ZONE ws.time_zone)::date`.execute(db);
  let started = 0;
  for (const c of candidates.rows) {
    started += await db.transaction().execute(async (tx) => {
      const locked = await sql<DateWorkflow>`
        SELECT w.workspace_id, w.id, w.version, w.actions, w.trigger, w.object, w.scanned_through::text AS scanned_through,
          ws.time_zone
        FROM workflows w JOIN workspaces ws ON ws.id = w.workspace_id
        WHERE w.workspace_id = ${c.workspace_id} AND w.id = ${c.id} AND w.active
        FOR UPDATE OF w SKIP LOCKED`.execute(tx);
      const w = locked.rows[0];
      if (!w) return 0;
      const today = todayIn(now, w.time_zone);
      if (w.scanned_through > today) return 0;
      const yesterday = shiftDate(today, 'P1D', -1);
      // biome-ignore lint/complexity/useMathMinMax: ISO dates, compared as strings
      const since = w.scanned_through < yesterday ? w.scanned_through : yesterday;
      const offset = w.trigger.offset ?? 'P0D';
      // field + offset in (since, today]  ⇔  field in (since − offset, today − offset]
      const from = shiftDate(since, offset, -1);
      const to = shiftDate(today, offset, -1);
      const field = w.trigger.field!;
      const sys = systemCtx(tx, w.workspace_id);
      let after: string | undefined;
      let n = 0;
      do {
        const page = await listRecords(sys, w.object, {
          filters: [
            { field, op: 'gt', value: from },
            { field, op: 'lte', value: to },
            ...(w.trigger.when ?? []),
          ],
          limit: PAGE,
          after,
        });
        for (const rec of page.data) {
          const date = String(rec[field]).slice(0, 10);
          const made = await insertRun(tx, w, {
            key: `date:${rec.id}:${date}`,
            eventId: null,
            eventType: 'date.reached',
            object: w.object,
            recordId: rec.id,
            depth: 0,
            data: { field, date, offset, reachedOn: shiftDate(date, offset) },
          });
          if (made) n++;
        }
        after = page.nextCursor ?? undefined;
      } while (after);
      if (w.scanned_through === today) return n;
      await tx
        .updateTable('workflows')
        .set({ scanned_through: today })
        .where('workspace_id', '=', w.workspace_id)
        .where('id', '=', w.id)
        .execute();
      return n;
    });
  }
  return started;
}

registerWork({ name: 'workflows.dates', run: (deps) => scanDateTriggers(deps) });
registerRunNow((deps) => scanDateTriggers(deps, { force: true }));
