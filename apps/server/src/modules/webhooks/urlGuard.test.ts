// Webhook targets may not reach the server's own network: hostile URLs are refused when saved (a 400
// naming the field, for subscriptions and workflow webhook actions alike) and again when a request
// is about to connect, so a URL that slipped in earlier (or a name that now resolves somewhere
// private) sends nothing. WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the rule for on-premise installs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { insertWebhookRow } from '../../../test/webhookRow';
import { clock } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { testEngine } from '../../platform/dispatch/testEngine';
import { type Receiver, startReceiver } from './testReceiver';
import { guardedLookup, isBlockedAddress, urlProblem } from './urlGuard';

const HOSTILE = [
  'http://127.0.0.1/hook',
  'http://127.8.9.10:8080/hook',
  'http://[::1]/hook',
  'http://[::]/hook',
  'http://0.0.0.0/hook',
  'http://10.0.0.5/hook',
  'http://172.16.3.4/hook',
  'http://192.168.1.1/hook',
  'http://100.64.0.1/hook',
  'http://169.254.169.254/latest/meta-data/',
  'http://224.0.0.1/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::ffff:a9fe:a9fe]/hook',
  'http://[64:ff9b::a00:1]/hook',
  'http://[2002:7f00:1::]/hook',
  'http://[fe80::1]/hook',
  'http://[fd00::1]/hook',
  'http://[ff02::1]/hook',
  'http://2130706433/hook',
  'http://0x7f000001/hook',
  'http://017700000001/hook',
  'http://127.1/hook',
  'http://localhost:3000/hook',
  'http://LOCALHOST./hook',
  'http://api.localhost/hook',
  'http://intranet/hook',
  'file:///etc/passwd',
  'gopher://example.com/x',
  'https://user:pass@hooks.example.com/x',
];

let t: TestApp;
let rx: Receiver;

beforeAll(async () => {
  t = await createTestApp();
  rx = await startReceiver('x'.repeat(16), () => Math.floor(clock.now().getTime() / 1000));
});
afterAll(async () => {
  await t?.close();
  await rx?.close();
});

describe('webhook target addresses', () => {
  it('tells private, local and reserved addresses from public ones', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '169.254.169.254',
      '100.100.1.1',
      '::1',
      '::ffff:10.0.0.1',
      'fe80::1%eth0',
    ])
      expect(isBlockedAddress(ip), ip).toBe(true);
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '100.128.0.1'])
      expect(isBlockedAddress(ip), ip).toBe(false);
    expect(urlProblem('https://hooks.example.com/x', { allowPrivate: false })).toBeNull();
    expect(urlProblem('http://127.0.0.1/x', { allowPrivate: true })).toBeNull();
    expect(urlProblem('file:///etc/passwd', { allowPrivate: true })).toMatch(/http/);
  });

  it('refuses a subscription to a hostile URL with a 400 on url', async () => {
    for (const url of HOSTILE) {
      const res = await t.admin.client.post('/api/v1/webhooks', { url, events: ['*'] });
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toContain('url');
    }
    const ok = await t.admin.client.post('/api/v1/webhooks', {
      url: 'https://hooks.example.com/rapport',
      events: ['*'],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const moved = await t.admin.client.patch(`/api/v1/webhooks/${ok.json().id}`, {
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0].field).toBe('url');
    await t.admin.client.delete(`/api/v1/webhooks/${ok.json().id}`);
  });

  it('refuses a workflow webhook action to a hostile URL with a 400 on its url', async () => {
    for (const url of HOSTILE) {
      const res = await t.admin.client.post('/api/v1/workflows', {
        name: 'Leak',
        trigger: { event: 'record.created', object: 'companies' },
        actions: [
          { type: 'createTask', subject: 'fine' },
          { type: 'webhook', url },
        ],
      });
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        url,
      ).toContain('actions.1.url');
    }
  });

  it('sends nothing to a private address already saved, for subscriptions and workflows', async () => {
    const now = clock.now();
    // As if saved before the rule, or by an install that allowed private targets then stopped.
    const hookId = await insertWebhookRow(t.store.db, t.workspaceId, {
      url: rx.url,
      events: ['record.created'],
      objects: ['companies'],
      secret: 'x'.repeat(16),
      at: now,
    });
    const wf = await t.admin.client.post('/api/v1/workflows', {
      name: 'Notify',
      trigger: { event: 'record.created', object: 'companies' },
      actions: [{ type: 'webhook', url: 'https://hooks.example.com/wf' }],
    });
    expect(wf.statusCode, wf.body).toBe(201);
    await t.store.db
      .updateTable('workflows')
      .set({ actions: JSON.stringify([{ type: 'webhook', url: rx.url }]) as never })
      .where('workspace_id', '=', t.workspaceId)
      .where('id', '=', wf.json().id)
      .execute();

    const created = await t.admin.client.post('/api/v1/objects/companies', { name: `Guarded ${newId()}` });
    expect(created.statusCode, created.body).toBe(201);
    await testEngine(t.store, testConfig()).drain();

    expect(rx.received).toHaveLength(0);
    const deliveries = (await t.admin.client.get(`/api/v1/webhooks/${hookId}/deliveries`)).json().data;
    expect(deliveries.length).toBeGreaterThan(0);
    const one = (
      await t.admin.client.get(`/api/v1/webhooks/${hookId}/deliveries/${deliveries[0].id}`)
    ).json();
    expect(one.lastError).toMatch(/private, local or reserved/);
    const runs = (await t.admin.client.get(`/api/v1/workflows/${wf.json().id}/runs`)).json().data;
    expect(runs.length).toBeGreaterThan(0);
    expect(runs[0].status).toBe('failed');
    expect(runs[0].actions[0].error).toMatch(/private, local or reserved/);
  });

  it('refuses, at connect time, a name that resolves to a private address', async () => {
    const lookup = guardedLookup({ allowPrivate: false });
    const err = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(err?.name).toBe('BlockedTargetError');
    const open = guardedLookup({ allowPrivate: true });
    const address = await new Promise<unknown>((resolve) => open('localhost', {}, (_e, a) => resolve(a)));
    expect(address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});

describe('with WEBHOOK_ALLOW_PRIVATE_TARGETS', () => {
  it('saves and delivers to a receiver on this machine', async () => {
    const env = { WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' };
    const onPrem = await createTestApp({ env });
    try {
      const before = rx.received.length;
      const res = await onPrem.admin.client.post('/api/v1/webhooks', {
        url: rx.url,
        events: ['record.created'],
        secret: 'x'.repeat(16),
      });
      expect(res.statusCode, res.body).toBe(201);
      // Schemes and credentials stay refused: the setting is about addresses only.
      const ftp = await onPrem.admin.client.post('/api/v1/webhooks', {
        url: 'file:///etc/passwd',
        events: ['*'],
      });
      expect(ftp.statusCode).toBe(400);
      const created = await onPrem.admin.client.post('/api/v1/objects/companies', { name: 'On premise' });
      expect(created.statusCode).toBe(201);
      await testEngine(onPrem.store, testConfig(env)).drain();
      expect(rx.received.length).toBe(before + 1);
      expect(rx.received.at(-1)!.signatureValid).toBe(true);
    } finally {
      await onPrem.close();
    }
  });
});
