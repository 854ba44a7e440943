// GET /automation/handler-errors: the dispatcher's handler failures, for admins only, newest first
// in keyset pages that neither repeat nor skip a row, and only the caller's workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { emitEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';

let t: TestApp;
let other: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  other = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await other?.close();
});

/** A handler failure as the dispatcher records it: an event, and the error a handler threw on it. */
async function failure(app: TestApp, handler: string, at: Date, error = `boom in ${handler}`) {
  const recordId = newId();
  const eventId = await emitEvent(app.store.db, {
    workspaceId: app.workspaceId,
    type: 'record.updated',
    object: 'companies',
    recordId,
    actorId: app.admin.id,
    payload: {},
  });
  await app.store.db
    .insertInto('event_handler_errors')
    .values({ workspace_id: app.workspaceId, event_id: eventId, handler, error, failed_at: at })
    .execute();
  return { eventId, recordId };
}

describe('handler errors', () => {
  it('lists them newest first in keyset pages, with the event they failed on', async () => {
    const base = clock.now().getTime();
    const made: { eventId: string; handler: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(base - i * 60_000);
      const f = await failure(t, `workflows.match`, at);
      made.push({ eventId: f.eventId, handler: 'workflows.match' });
      // Two handlers failing on the same event at the same instant must both be listed once.
      if (i === 2) {
        await t.store.db
          .insertInto('event_handler_errors')
          .values({
            workspace_id: t.workspaceId,
            event_id: f.eventId,
            handler: 'webhooks.fanOut',
            error: 'fan-out failed',
            failed_at: at,
          })
          .execute();
        made.push({ eventId: f.eventId, handler: 'webhooks.fanOut' });
      }
    }
    await failure(other, 'elsewhere', new Date(base));

    const seen: { eventId: string; handler: string; failedAt: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await t.admin.client.get(
        `/api/v1/automation/handler-errors?limit=2${after ? `&after=${after}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      seen.push(...body.data);
      after = body.nextCursor;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((s) => `${s.eventId}/${s.handler}`)).size).toBe(6);
    expect(seen.map((s) => s.handler)).not.toContain('elsewhere');
    const times = seen.map((s) => Date.parse(s.failedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen[0]).toMatchObject({
      handler: 'workflows.match',
      error: 'boom in workflows.match',
      event: { type: 'record.updated', object: 'companies' },
    });
    expect(made.every((m) => seen.some((s) => s.eventId === m.eventId && s.handler === m.handler))).toBe(
      true,
    );
  });

  it('is for admins only', async () => {
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get('/api/v1/automation/handler-errors')).statusCode).toBe(403);
    const manager = await t.createUser({ role: 'manager' });
    expect((await manager.client.get('/api/v1/automation/handler-errors')).statusCode).toBe(403);
    expect((await t.anon.get('/api/v1/automation/handler-errors')).statusCode).toBe(401);
  });

  it('refuses a forged cursor and a bad limit with the field at fault', async () => {
    for (const [q, field] of [
      ['after=not-a-cursor', 'after'],
      [`after=${Buffer.from('["yesterday","x","y"]').toString('base64url')}`, 'after'],
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['extra=1', 'extra'],
    ] as const) {
      const res = await t.admin.client.get(`/api/v1/automation/handler-errors?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(JSON.stringify(res.json().errors), q).toContain(field);
    }
  });
});
