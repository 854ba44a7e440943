// Scheduled workflows: when a workflow's next tick is due, one run per tick (keyed by the tick's
// time, so two workers never both fire it) — or, with an object, one run per record matching `when`
// at that moment. Ticks missed while the server was down fire once, not once per missed tick.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { registerWork } from '../../platform/dispatch/work';
import { listRecords } from '../records/read/listRecords';
import { insertRun } from './createRun';
import { nextFireAt } from './schedule';
import type { Trigger } from './workflowBody';
import './schema';

const MAX_RECORDS_PER_TICK = 10_000;

export async function fireDueSchedules(deps: ProcessDeps, limit = 10): Promise<number> {
  const db = deps.store.db;
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const due = await sql<{
      workspace_id: string;
      id: string;
      version: number;
      actions: unknown;
      trigger: Trigger;
      object: string | null;
      next_fire_at: Date;
      time_zone: string;
    }>`
      SELECT w.workspace_id, w.id, w.version, w.actions, w.trigger, w.object, w.next_fire_at, ws.time_zone
      FROM workflows w JOIN workspaces ws ON ws.id = w.workspace_id
      WHERE w.active AND w.archived_at IS NULL AND w.next_fire_at IS NOT NULL AND w.next_fire_at <= ${now}
      ORDER BY w.next_fire_at LIMIT ${limit}
      FOR UPDATE OF w SKIP LOCKED`.execute(tx);
    let n = 0;
    for (const w of due.rows) {
      const tick = new Date(w.next_fire_at).toISOString();
      if (!w.object) {
        if (
          await insertRun(tx, w, {
            key: `schedule:${tick}`,
            eventId: null,
            eventType: 'schedule',
            object: null,
            recordId: null,
            depth: 0,
            data: { tick },
          })
        )
          n++;
      } else {
        const sys = systemCtx(tx, w.workspace_id);
        let after: string | undefined;
        let seen = 0;
        do {
          const page = await listRecords(sys, w.object, { filters: w.trigger.when ?? [], limit: 200, after });
          for (const rec of page.data) {
            const made = await insertRun(tx, w, {
              key: `schedule:${tick}:${rec.id}`,
              eventId: null,
              eventType: 'schedule',
              object: w.object,
              recordId: rec.id,
              depth: 0,
              data: { tick },
            });
            if (made) n++;
          }
          seen += page.data.length;
          after = page.nextCursor ?? undefined;
        } while (after && seen < MAX_RECORDS_PER_TICK);
      }
      await tx
        .updateTable('workflows')
        .set({ next_fire_at: nextFireAt(w.trigger, now, w.time_zone) })
        .where('workspace_id', '=', w.workspace_id)
        .where('id', '=', w.id)
        .execute();
    }
    return n;
  });
}

registerWork({ name: 'workflows.schedules', run: (deps) => fireDueSchedules(deps) });
