import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { clock } from '../../platform/clock';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import { drainWork, processDeps } from '../../platform/dispatch/pump';
import { emitEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import { DISABLE_AFTER_FAILED_DELIVERIES } from './deliverWebhooks';
import { signatureHeader, verifyRapportSignature } from './signature';
import { type Receiver, startReceiver } from './testReceiver';

const SECRET = 'whsec_test_0123456789abcdef';
const ALLOW_PRIVATE = { WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' };
let t: TestApp;
let rx: Receiver;
let deps: ProcessDeps;

beforeAll(async () => {
  // The test receiver listens on 127.0.0.1, which webhooks may reach only with this setting.
  t = await createTestApp({ env: ALLOW_PRIVATE });
  rx = await startReceiver(SECRET, () => Math.floor(clock.now().getTime() / 1000));
  deps = processDeps(t.store, testConfig(ALLOW_PRIVATE), pino({ level: 'silent' }) as never);
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
});
afterEach(() => {
  clock.reset();
  rx.status = 200;
});

async function subscribe(body: Record<string, unknown> = {}) {
  const res = await t.admin.client.post('/api/v1/webhooks', {
    url: rx.url,
    events: ['*'],
    secret: SECRET,
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string };
}

async function emit(type: string, object: string | null = 'contacts', payload: Record<string, unknown> = {}) {
  const recordId = newId();
  const id = await emitEvent(t.store.db, {
    workspaceId: t.workspaceId,
    type,
    object,
    recordId,
    actorId: t.admin.id,
    payload,
  });
  return { id, recordId };
}

async function deliveriesOf(hookId: string) {
  const res = await t.admin.client.get(`/api/v1/webhooks/${hookId}/deliveries?limit=200`);
  expect(res.statusCode).toBe(200);
  return res.json().data as {
    id: string;
    eventId: string;
    status: string;
    attempts: number;
    responseStatus: number;
  }[];
}

describe('webhook signatures', () => {
  const body = '{"id":"1","type":"record.created"}';
  const now = 1_800_000_000;

  it('verifies a signature made with the secret over "<t>.<body>"', () => {
    const header = signatureHeader(SECRET, body, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyRapportSignature(header, body, SECRET, { nowSeconds: now })).toBe(true);
  });

  it('refuses a changed body, a wrong secret, an old timestamp and garbage', () => {
    const header = signatureHeader(SECRET, body, now);
    expect(verifyRapportSignature(header, `${body} `, SECRET, { nowSeconds: now })).toBe(false);
    expect(verifyRapportSignature(header, body, 'another secret entirely', { nowSeconds: now })).toBe(false);
    expect(verifyRapportSignature(header, body, SECRET, { nowSeconds: now + 301 })).toBe(false);
    expect(verifyRapportSignature('t=abc,v1=00', body, SECRET, { nowSeconds: now })).toBe(false);
    expect(verifyRapportSignature(undefined, body, SECRET, { nowSeconds: now })).toBe(false);
    const forged = header.replace(/v1=./, 'v1=0');
    expect(verifyRapportSignature(forged, body, SECRET, { nowSeconds: now })).toBe(false);
  });
});

describe('webhook deliveries', () => {
  it('delivers an outbox event signed as API.md says, and logs it', async () => {
    const hook = await subscribe();
    const before = rx.received.length;
    const e = await emit('record.created', 'contacts', { new: { firstName: '伟', email: 'w@example.test' } });
    await drainWork(deps);
    const got = rx.received.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.signatureValid).toBe(true);
    expect(got[0]!.headers['x-rapport-event']).toBe('record.created');
    const payload = JSON.parse(got[0]!.body);
    expect(payload).toMatchObject({
      id: e.id,
      type: 'record.created',
      object: 'contacts',
      recordId: e.recordId,
      workspaceId: t.workspaceId,
      data: { new: { firstName: '伟' } },
    });
    const log = await deliveriesOf(hook.id);
    expect(log[0]).toMatchObject({ eventId: e.id, status: 'succeeded', attempts: 1, responseStatus: 200 });
    expect(got[0]!.headers['x-rapport-delivery']).toBe(log[0]!.id);
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });

  it('delivers a replayed event once (UNIQUE webhook + event)', async () => {
    const hook = await subscribe();
    const e = await emit('record.updated');
    await drainWork(deps);
    await t.store.db
      .updateTable('outbox_events')
      .set({ processed_at: null })
      .where('id', '=', e.id)
      .execute();
    await drainWork(deps);
    expect((await deliveriesOf(hook.id)).filter((d) => d.eventId === e.id)).toHaveLength(1);
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });

  it('sends only the subscribed event types and objects', async () => {
    const hook = await subscribe({ events: ['record.created'], objects: ['deals'] });
    const wanted = await emit('record.created', 'deals');
    await emit('record.created', 'contacts');
    await emit('record.updated', 'deals');
    await drainWork(deps);
    expect((await deliveriesOf(hook.id)).map((d) => d.eventId)).toEqual([wanted.id]);
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });

  it('retries a failing receiver with growing waits, then marks the delivery failed', async () => {
    const hook = await subscribe();
    rx.status = 500;
    const e = await emit('record.deleted');
    await drainWork(deps);
    let d = (await deliveriesOf(hook.id)).find((x) => x.eventId === e.id)!;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const row = await t.store.db
        .selectFrom('webhook_deliveries')
        .where('id', '=', d.id)
        .select(['status', 'next_attempt_at'])
        .executeTakeFirstOrThrow();
      if (row.status !== 'pending') break;
      const wait = new Date(row.next_attempt_at!).getTime() - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait + 1000);
      await drainWork(deps);
    }
    clock.reset(); // the admin's session would have expired in the moved time
    d = (await deliveriesOf(hook.id)).find((x) => x.eventId === e.id)!;
    expect(d).toMatchObject({ status: 'failed', attempts: 7 });
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });

  it(`disables a subscription after ${DISABLE_AFTER_FAILED_DELIVERIES} deliveries fail for good, keeps what waits, and resumes when re-enabled`, async () => {
    const hook = await subscribe();
    rx.status = 503;
    for (let i = 0; i < DISABLE_AFTER_FAILED_DELIVERIES; i++) await emit('record.updated');
    await drainWork(deps);
    for (let i = 0; i < 10; i++) {
      clock.advance(13 * 3600_000);
      await drainWork(deps);
    }
    const disabled = await t.store.db
      .selectFrom('webhooks')
      .where('id', '=', hook.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(disabled.active).toBe(false);
    expect(disabled.disabled_reason).toMatch(/5 deliveries in a row failed/);
    const notice = await t.store.db
      .selectFrom('emails')
      .where('workspace_id', '=', t.workspaceId)
      .where('subject', 'like', 'Webhook disabled%')
      .select(['to_addresses', 'text_body', 'idempotency_key'])
      .execute();
    expect(notice, JSON.stringify(notice)).toHaveLength(1);
    expect(notice[0]!.to_addresses).toEqual([t.admin.email]);

    // While off, new events are not fanned out to it.
    const whileOff = await emit('record.updated');
    await drainWork(deps);
    clock.reset();
    expect((await deliveriesOf(hook.id)).some((d) => d.eventId === whileOff.id)).toBe(false);

    // A delivery still waiting is held back while disabled and goes out once it is switched on.
    const held = (await deliveriesOf(hook.id))[0]!;
    await t.admin.client.post(`/api/v1/webhooks/${hook.id}/deliveries/${held.id}/redeliver`);
    await drainWork(deps);
    expect((await deliveriesOf(hook.id)).find((d) => d.id === held.id)!.status).toBe('pending');
    rx.status = 200;
    const on = await t.admin.client.patch(`/api/v1/webhooks/${hook.id}`, { active: true });
    expect(on.json()).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
    await drainWork(deps);
    expect((await deliveriesOf(hook.id)).find((d) => d.id === held.id)!.status).toBe('succeeded');
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });

  it('sends a test ping on request', async () => {
    const hook = await subscribe();
    const before = rx.received.length;
    const ping = await t.admin.client.post(`/api/v1/webhooks/${hook.id}/ping`);
    expect(ping.statusCode).toBe(202);
    await drainWork(deps);
    const got = rx.received.slice(before);
    expect(got.map((g) => JSON.parse(g.body).type)).toEqual(['webhook.ping']);
    expect(got[0]!.signatureValid).toBe(true);
    await t.admin.client.delete(`/api/v1/webhooks/${hook.id}`);
  });
});

describe('webhook API: access and hostile input', () => {
  it('lets only admins manage subscriptions and shows the secret once', async () => {
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.post('/api/v1/webhooks', { url: rx.url, events: ['*'] })).statusCode).toBe(403);
    expect((await rep.client.get('/api/v1/webhooks')).statusCode).toBe(403);
    const created = await t.admin.client.post('/api/v1/webhooks', {
      url: rx.url,
      events: ['record.created'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^[\w-]{30,}$/);
    const read = (await t.admin.client.get(`/api/v1/webhooks/${created.json().id}`)).json();
    expect(read.secret).toBeUndefined();
    expect(read.secretHint).toBe(`…${created.json().secret.slice(-4)}`);
    await t.admin.client.delete(`/api/v1/webhooks/${created.json().id}`);
  });

  it('names the bad field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.test/x', events: ['*'] }, 'url'],
      [{ url: 'https://user:pw@example.test/x', events: ['*'] }, 'url'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: rx.url, events: ['record.exploded'] }, 'events.0'],
      [{ url: rx.url, events: [] }, 'events'],
      [{ url: rx.url, events: ['*'], secret: 'short' }, 'secret'],
      [{ url: rx.url, events: ['*'], extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.client.post('/api/v1/webhooks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = '0190a0b0-0000-7000-8000-000000000000';
    expect((await t.admin.client.get(`/api/v1/webhooks/${missing}`)).statusCode).toBe(404);
    expect((await t.admin.client.get(`/api/v1/webhooks/${missing}/deliveries`)).statusCode).toBe(404);
    expect((await t.admin.client.patch(`/api/v1/webhooks/${missing}`, { active: true })).statusCode).toBe(
      404,
    );
  });
});
