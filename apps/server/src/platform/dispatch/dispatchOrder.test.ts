// The dispatcher hands events over in the order they were written, whatever their number of
// digits: a claim once sorted on seq as text, so event 100 went before event 99.
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testConfig } from '../../../test/harness';
import { createWorkspace } from '../../modules/workspaces/createWorkspace';
import type { Store } from '../db/open';
import { emitEvent } from '../events/outbox';
import { newId } from '../ids';
import { processDeps } from './deps';
import { dispatchOutbox } from './dispatchOutbox';

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await openTestStore());
});
afterAll(async () => {
  await drop?.();
});

describe('the outbox dispatcher', () => {
  it('claims the oldest event first across a power of ten', async () => {
    const { workspaceId, adminUserId } = await createWorkspace(store.db, {
      name: 'Order',
      admin: { email: `order-${process.pid}@example.test`, name: 'O', password: 'a long enough password' },
    });
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
});
