// The dispatcher hands events over in the order they were written, whatever their number of
// digits (a claim once sorted on seq as text, so event 100 went before event 99), and in a batch
// that mixes workspaces it skips a handler only where that workspace has nothing for it to act on.
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testConfig } from '../../../test/harness';
import { insertWebhookRow } from '../../../test/webhookRow';
import { createWorkspace } from '../../modules/workspaces/createWorkspace';
import type { Store } from '../db/open';
import { emitEvent } from '../events/outbox';
import { newId } from '../ids';
import { processDeps } from './deps';
import { dispatchOutbox } from './dispatchOutbox';
import '../../modules/webhooks/fanOut';

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await openTestStore());
});
afterAll(async () => {
  await drop?.();
});

async function workspace(name: string) {
  return createWorkspace(store.db, {
    name,
    admin: {
      email: `${name.toLowerCase()}-${process.pid}@example.test`,
      name: 'O',
      password: 'a long enough password',
    },
  });
}

function webhook(workspaceId: string, active: boolean) {
  return insertWebhookRow(store.db, workspaceId, { url: 'http://127.0.0.1:9/hook', active });
}

describe('the outbox dispatcher', () => {
  it('claims the oldest event first across a power of ten', async () => {
    const { workspaceId, adminUserId } = await workspace('Order');
    const deps = processDeps(store, testConfig(), pino({ level: 'silent' }));
    while ((await dispatchOutbox(deps)) > 0) {} // what creating the workspace wrote
    const { rows } = await sql<{
      n: string;
    }>`SELECT coalesce(max(seq), 0)::text AS n FROM outbox_events`.execute(store.db);
    // The next events are numbered 10^k − 1, 10^k, 10^k + 1: one digit more from the second on.
    const power = 10 ** String(Number(rows[0]!.n) + 2).length;
    await sql`SELECT setval('outbox_events_seq_seq', ${power - 2})`.execute(store.db);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        await emitEvent(store.db, {
          workspaceId,
          type: 'record.updated',
          object: 'companies',
          recordId: newId(),
          actorId: adminUserId,
          payload: {},
        }),
      );
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await dispatchOutbox(deps, 1)).toBe(1);
      const done = await store.db
        .selectFrom('outbox_events')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .where('processed_at', 'is not', null)
        .execute();
      order.push(...done.map((r) => r.id).filter((id) => !order.includes(id)));
    }
    expect(order).toEqual(ids);
  });

  it('delivers to the workspace that subscribes and skips the ones that do not, in one batch', async () => {
    const deps = processDeps(store, testConfig(), pino({ level: 'silent' }));
    const subscribed = await workspace('Subscribed');
    const paused = await workspace('Paused');
    const none = await workspace('None');
    await webhook(subscribed.workspaceId, true);
    await webhook(paused.workspaceId, false);
    while ((await dispatchOutbox(deps)) > 0) {}
    const events = new Map<string, string>();
    for (const w of [none, subscribed, paused])
      events.set(
        w.workspaceId,
        await emitEvent(store.db, {
          workspaceId: w.workspaceId,
          type: 'record.created',
          object: 'companies',
          recordId: newId(),
          actorId: w.adminUserId,
          payload: {},
        }),
      );
    expect(await dispatchOutbox(deps)).toBe(3);
    const deliveries = await store.db
      .selectFrom('webhook_deliveries')
      .select(['workspace_id', 'event_id'])
      .where('event_id', 'in', [...events.values()])
      .execute();
    expect(deliveries).toEqual([
      { workspace_id: subscribed.workspaceId, event_id: events.get(subscribed.workspaceId) },
    ]);
    const left = await store.db
      .selectFrom('outbox_events')
      .select('id')
      .where('id', 'in', [...events.values()])
      .where('processed_at', 'is', null)
      .execute();
    expect(left).toEqual([]);
  });
});
