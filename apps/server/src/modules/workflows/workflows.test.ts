import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { LONG_SESSIONS, type TestEngine, testEngine } from '../../platform/dispatch/testEngine';
import { type Receiver, startReceiver } from '../webhooks/testReceiver';
import { MAX_RUNS_PER_HOUR } from './loopGuard';

let t: TestApp;
let engine: TestEngine;
let rx: Receiver;

beforeAll(async () => {
  // The test receiver listens on 127.0.0.1, which webhooks may reach only with this setting.
  const env = { ...LONG_SESSIONS, WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' };
  t = await createTestApp({ env });
  engine = testEngine(t.store, testConfig(env));
  rx = await startReceiver('x'.repeat(16), () => Math.floor(clock.now().getTime() / 1000));
  const field = await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
    name: 'balance',
    type: 'money',
    label: { en: 'Balance', 'zh-CN': '余额' },
  });
  expect(field.statusCode).toBe(201);
});
afterAll(async () => {
  clock.reset();
  await rx?.close();
  await t?.close();
});
afterEach(() => {
  rx.status = 200;
});

const cny = (amount: string) => ({ amount, currency: 'CNY' });

async function createWorkflow(body: Record<string, unknown>) {
  const res = await t.admin.client.post('/api/v1/workflows', { name: `wf ${Math.random()}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function runsOf(workflowId: string) {
  const res = await t.admin.client.get(`/api/v1/workflows/${workflowId}/runs?limit=200`);
  expect(res.statusCode).toBe(200);
  return res.json().data as {
    id: string;
    status: string;
    reason: string | null;
    trigger: { recordId: string; event: string; key: string };
    actions: {
      type: string;
      status: string;
      attempts: number;
      result: Record<string, unknown> | null;
      error: string | null;
    }[];
  }[];
}

async function tasksFor(object: string, id: string) {
  const res = await t.admin.client.post('/api/v1/objects/activities/search', {
    filters: [{ field: 'type', op: 'eq', value: 'task' }],
    limit: 200,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json().data as {
      subject: string;
      ownerId: string;
      dueAt: string;
      relatedTo: { object: string; id: string }[];
    }[]
  ).filter((a) => a.relatedTo.some((r) => r.object === object && r.id === id));
}

describe('R19: a balance crossing 20,000 triggers an action once per crossing', () => {
  it('fires when the balance goes from below 20,000 to 20,000 or more, and not while it stays above', async () => {
    const wf = await createWorkflow({
      trigger: {
        event: 'record.updated',
        object: 'contacts',
        when: [{ field: 'balance', op: 'gte', value: '20000' }],
        previously: [{ field: 'balance', op: 'lt', value: '20000' }],
      },
      actions: [
        {
          type: 'createTask',
          subject: 'Call {{contact.firstName}}: balance is {{contact.balance}}',
          dueIn: 'P1D',
        },
      ],
    });
    const c = (
      await t.admin.client.post('/api/v1/objects/contacts', {
        firstName: '伟',
        lastName: '张',
        balance: cny('2000'),
      })
    ).json();
    const patch = async (amount: string) => {
      const res = await t.admin.client.patch(`/api/v1/objects/contacts/${c.id}`, { balance: cny(amount) });
      expect(res.statusCode, res.body).toBe(200);
      await engine.drain();
    };
    await patch('25000'); // crossing 1
    await patch('30000'); // still above: no
    await patch('10000'); // falls below: no
    await patch('19999.99'); // below to below: no
    await patch('20000'); // crossing 2: exactly the threshold counts
    await t.admin.client.patch(`/api/v1/objects/contacts/${c.id}`, { firstName: 'Wei' }); // other field, above: no
    await engine.drain();

    const runs = await runsOf(wf.id);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs.every((r) => r.trigger.recordId === c.id)).toBe(true);
    const tasks = await tasksFor('contacts', c.id);
    expect(tasks.map((x) => x.subject).sort()).toEqual([
      'Call 伟: balance is 20000.00 CNY',
      'Call 伟: balance is 25000.00 CNY',
    ]);
    expect(tasks.every((x) => x.ownerId === t.admin.id)).toBe(true);

    // An event dispatched again (at-least-once) starts no second run.
    await t.store.db
      .updateTable('outbox_events')
      .set({ processed_at: null })
      .where('workspace_id', '=', t.workspaceId)
      .where('record_id', '=', c.id)
      .execute();
    await engine.drain();
    expect(await runsOf(wf.id)).toHaveLength(2);
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });
});

describe('R18: a renewal task 30 days before a contract ends', () => {
  it('creates the owner’s renewal task on the day, once, and again for a new end date', async () => {
    const obj = await t.admin.client.post('/api/v1/schema/objects', {
      name: 'contracts',
      label: { en: 'Contract', 'zh-CN': '合同' },
      pluralLabel: { en: 'Contracts', 'zh-CN': '合同' },
    });
    expect(obj.statusCode, obj.body).toBe(201);
    const f = await t.admin.client.post('/api/v1/schema/objects/contracts/fields', {
      name: 'endDate',
      type: 'date',
      label: { en: 'End date', 'zh-CN': '到期日' },
    });
    expect(f.statusCode, f.body).toBe(201);
    const rep = await t.createUser({ role: 'rep' });
    const wf = await createWorkflow({
      trigger: { event: 'date.reached', object: 'contracts', field: 'endDate', offset: '-P30D' },
      actions: [
        {
          type: 'createTask',
          subject: 'Renew {{record.name}} (ends {{record.endDate}})',
          dueIn: 'P7D',
          assignTo: 'owner',
        },
      ],
    });
    const day = (n: number) => new Date(clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const contract = (
      await t.admin.client.post('/api/v1/objects/contracts', {
        name: 'ACME 2027',
        endDate: day(45),
        ownerId: rep.id,
      })
    ).json();
    expect(contract.id).toBeTruthy();

    await engine.drain();
    expect(await tasksFor('contracts', contract.id)).toHaveLength(0);
    await engine.advance('14d'); // 31 days before the end: not yet
    expect(await tasksFor('contracts', contract.id)).toHaveLength(0);
    await engine.advance('1d'); // 30 days before
    let tasks = await tasksFor('contracts', contract.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      subject: `Renew ACME 2027 (ends ${contract.endDate})`,
      ownerId: rep.id,
    });
    await engine.advance('1d');
    await engine.advance('3d');
    expect(await tasksFor('contracts', contract.id)).toHaveLength(1);

    // Renewed for a year: the reminder comes again 30 days before the new end.
    const renewed = await t.admin.client.patch(`/api/v1/objects/contracts/${contract.id}`, {
      endDate: day(360),
    });
    expect(renewed.statusCode).toBe(200);
    await engine.advance('329d');
    expect(await tasksFor('contracts', contract.id)).toHaveLength(1);
    await engine.advance('1d');
    tasks = await tasksFor('contracts', contract.id);
    expect(tasks).toHaveLength(2);
    const runs = await runsOf(wf.id);
    expect(runs.map((r) => r.trigger.key)).toEqual([
      `date:${contract.id}:${renewed.json().endDate}`,
      `date:${contract.id}:${contract.endDate}`,
    ]);
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });
});

describe('stage changes, loops, failures and schedules', () => {
  it('reacts to a deal entering a stage', async () => {
    const pipelines = (await t.admin.client.get('/api/v1/pipelines')).json().data;
    const stages = pipelines[0].stages as { id: string }[];
    const target = stages[2]!.id;
    const wf = await createWorkflow({
      trigger: { event: 'stage.changed', when: [{ field: 'toStageId', op: 'eq', value: target }] },
      actions: [{ type: 'createTask', subject: 'Send the proposal for {{deal.name}}' }],
    });
    const deal = (
      await t.admin.client.post('/api/v1/objects/deals', {
        name: 'Big one',
        pipelineId: pipelines[0].id,
        stageId: stages[0]!.id,
      })
    ).json();
    expect(deal.id, JSON.stringify(deal)).toBeTruthy();
    await t.admin.client.patch(`/api/v1/objects/deals/${deal.id}`, { stageId: stages[1]!.id });
    await t.admin.client.patch(`/api/v1/objects/deals/${deal.id}`, { stageId: target });
    await engine.drain();
    const runs = await runsOf(wf.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.trigger).toMatchObject({ event: 'stage.changed', recordId: deal.id });
    expect((await tasksFor('deals', deal.id)).map((x) => x.subject)).toEqual([
      'Send the proposal for Big one',
    ]);
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });

  it('cuts a loop: a workflow whose action changes what it listens to runs once per outside change', async () => {
    const a = await t.createUser({ role: 'rep' });
    const b = await t.createUser({ role: 'rep' });
    const wf = await createWorkflow({
      trigger: { event: 'record.updated', object: 'leads' },
      actions: [{ type: 'assignOwner', strategy: 'roundRobin', users: [a.id, b.id] }],
    });
    const lead = (
      await t.admin.client.post('/api/v1/objects/leads', { lastName: 'Loop', email: 'loop@example.test' })
    ).json();
    await t.admin.client.patch(`/api/v1/objects/leads/${lead.id}`, { source: 'web' });
    await engine.drain();
    await t.admin.client.patch(`/api/v1/objects/leads/${lead.id}`, { source: 'referral' });
    await engine.drain();
    const runs = await runsOf(wf.id);
    expect(runs.filter((r) => r.status === 'succeeded')).toHaveLength(2);
    expect(runs.filter((r) => r.status === 'skipped').every((r) => /own action/.test(r.reason!))).toBe(true);
    const owners = runs.filter((r) => r.status === 'succeeded').map((r) => r.actions[0]!.result!.ownerId);
    expect(new Set(owners)).toEqual(new Set([a.id, b.id]));
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });

  it('stops two workflows feeding each other at the hourly limit', async () => {
    const mk = (from: string, to: string) =>
      createWorkflow({
        trigger: {
          event: 'record.updated',
          object: 'leads',
          when: [{ field: 'source', op: 'eq', value: from }],
        },
        actions: [{ type: 'updateField', field: 'source', value: to }],
      });
    const w1 = await mk('event', 'partner');
    const w2 = await mk('partner', 'event');
    const lead = (await t.admin.client.post('/api/v1/objects/leads', { lastName: 'PingPong' })).json();
    await t.admin.client.patch(`/api/v1/objects/leads/${lead.id}`, { source: 'event' });
    await engine.drain();
    const r1 = await runsOf(w1.id);
    const r2 = await runsOf(w2.id);
    const ran = [...r1, ...r2].filter((r) => r.status === 'succeeded').length;
    expect(ran).toBeLessThanOrEqual(2 * MAX_RUNS_PER_HOUR);
    expect([...r1, ...r2].some((r) => r.status === 'skipped' && /loop protection/.test(r.reason!))).toBe(
      true,
    );
    await t.admin.client.delete(`/api/v1/workflows/${w1.id}`);
    await t.admin.client.delete(`/api/v1/workflows/${w2.id}`);
  });

  it('retries a failing action with backoff, then shows the run failed with the error and later actions skipped', async () => {
    rx.status = 503;
    const wf = await createWorkflow({
      trigger: { event: 'record.created', object: 'companies' },
      actions: [
        { type: 'webhook', url: rx.url },
        { type: 'createTask', subject: 'never reached' },
      ],
    });
    const co = (await t.admin.client.post('/api/v1/objects/companies', { name: 'Flaky Ltd' })).json();
    await engine.drain();
    let run = (await runsOf(wf.id))[0]!;
    expect(run.status).toBe('pending');
    expect(run.actions[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: 'The receiver answered 503',
    });
    for (let i = 0; i < 6; i++) await engine.advance('1h');
    run = (await runsOf(wf.id))[0]!;
    expect(run.status).toBe('failed');
    expect(run.reason).toMatch(/Action 1 \(webhook\) failed: The receiver answered 503/);
    expect(run.actions.map((a) => [a.status, a.attempts])).toEqual([
      ['failed', 4],
      ['skipped', 0],
    ]);
    expect(await tasksFor('companies', co.id)).toHaveLength(0);
    const failed = await t.store.db
      .selectFrom('outbox_events')
      .where('workspace_id', '=', t.workspaceId)
      .where('type', '=', 'workflow.failed')
      .select('payload')
      .execute();
    expect(failed.some((e) => (e.payload as { runId: string }).runId === run.id)).toBe(true);
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });

  it('fires a schedule once per tick', async () => {
    rx.status = 200;
    const before = rx.received.length;
    const wf = await createWorkflow({
      trigger: { event: 'schedule', schedule: '0 9 * * *' },
      actions: [{ type: 'webhook', url: rx.url }],
    });
    await engine.drain();
    expect(rx.received.length).toBe(before);
    await engine.advance('1d');
    await engine.advance('1h');
    expect(rx.received.length).toBe(before + 1);
    await engine.advance('1d');
    expect(rx.received.length).toBe(before + 2);
    const body = JSON.parse(rx.received.at(-1)!.body);
    expect(body).toMatchObject({ workflowId: wf.id, event: 'schedule' });
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });
});

describe('sending email from a workflow', () => {
  it('queues a template to the record (marketing, signed by the owner) and a notice to the owner', async () => {
    const tpl = await t.admin.client.post('/api/v1/email-templates', {
      name: 'Welcome contact',
      subject: 'Welcome, {{contact.firstName}}',
      body: 'Hello {{contact.firstName}}, I am {{owner.name}}.',
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const wf = await createWorkflow({
      trigger: { event: 'record.created', object: 'contacts', when: [{ field: 'email', op: 'isNotEmpty' }] },
      actions: [
        { type: 'sendEmail', template: tpl.json().id },
        { type: 'sendEmail', to: 'owner', subject: 'New contact {{contact.firstName}}', body: 'Say hello.' },
      ],
    });
    const c = (
      await t.admin.client.post('/api/v1/objects/contacts', { firstName: 'Mei', email: 'mei@example.test' })
    ).json();
    await t.admin.client.post('/api/v1/objects/contacts', { firstName: 'NoMail' });
    await engine.drain();
    const runs = await runsOf(wf.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('succeeded');
    const mails = await t.store.db
      .selectFrom('emails')
      .where('workspace_id', '=', t.workspaceId)
      .where('source', '=', 'workflow')
      .select(['to_addresses', 'subject', 'text_body', 'marketing', 'idempotency_key'])
      .orderBy('created_at')
      .execute();
    expect(mails.map((m) => [m.to_addresses, m.subject, m.marketing])).toEqual([
      [['mei@example.test'], 'Welcome, Mei', true],
      [[t.admin.email], 'New contact Mei', false],
    ]);
    expect(mails[0]!.text_body).toContain('Hello Mei, I am Ada Admin.');
    expect(mails[0]!.idempotency_key).toBe(`wf:${runs[0]!.id}:0`);
    expect(runs[0]!.trigger.recordId).toBe(c.id);
    await t.admin.client.delete(`/api/v1/workflows/${wf.id}`);
  });
});

describe('workflow API: access and hostile input', () => {
  it('lets only workflow managers in', async () => {
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get('/api/v1/workflows')).statusCode).toBe(403);
    const marketing = await t.createUser({ role: 'marketing' });
    expect((await marketing.client.get('/api/v1/workflows')).statusCode).toBe(200);
  });

  it('names the bad field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          trigger: { event: 'record.exploded', object: 'contacts' },
          actions: [{ type: 'createTask', subject: 'x' }],
        },
        'trigger.event',
      ],
      [
        {
          trigger: { event: 'record.updated', object: 'nothing' },
          actions: [{ type: 'createTask', subject: 'x' }],
        },
        'trigger.object',
      ],
      [
        {
          trigger: {
            event: 'record.updated',
            object: 'contacts',
            when: [{ field: 'nope', op: 'eq', value: 1 }],
          },
          actions: [{ type: 'createTask', subject: 'x' }],
        },
        'trigger.when.0.field',
      ],
      [
        {
          trigger: {
            event: 'record.updated',
            object: 'contacts',
            when: [{ field: 'balance', op: 'gte', value: 'lots' }],
          },
          actions: [{ type: 'createTask', subject: 'x' }],
        },
        'trigger.when.0.value',
      ],
      [
        { trigger: { event: 'record.created', object: 'contacts' }, actions: [{ type: 'explode' }] },
        'actions.0.type',
      ],
      [
        { trigger: { event: 'record.created', object: 'contacts' }, actions: [{ type: 'createTask' }] },
        'actions.0.subject',
      ],
      [
        {
          trigger: { event: 'record.created', object: 'contacts' },
          actions: [{ type: 'createTask', subject: 'x', dueIn: '3 days' }],
        },
        'actions.0.dueIn',
      ],
      [
        {
          trigger: { event: 'record.created', object: 'contacts' },
          actions: [{ type: 'updateField', field: 'email', value: 'not mail' }],
        },
        'actions.0.value',
      ],
      [
        {
          trigger: { event: 'date.reached', object: 'contacts', field: 'firstName', offset: '-P30D' },
          actions: [{ type: 'createTask', subject: 'x' }],
        },
        'trigger.field',
      ],
      [
        {
          trigger: { event: 'schedule', schedule: 'every day' },
          actions: [{ type: 'webhook', url: rx.url }],
        },
        'trigger.schedule',
      ],
      [
        {
          trigger: { event: 'schedule', schedule: '0 9 * * *' },
          actions: [{ type: 'updateField', field: 'x', value: 1 }],
        },
        'actions.0.type',
      ],
      [{ trigger: { event: 'record.created', object: 'contacts' }, actions: [] }, 'actions'],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.client.post('/api/v1/workflows', { name: 'bad', ...body });
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const missing = '0190a0b0-0000-7000-8000-000000000000';
    expect((await t.admin.client.get(`/api/v1/workflows/${missing}`)).statusCode).toBe(404);
    expect((await t.admin.client.get(`/api/v1/workflows/${missing}/runs`)).statusCode).toBe(404);
  });
});

describe('editing a workflow with If-Match', () => {
  it('bumps the version, refuses a stale copy with 412 and the current workflow, and names a bad header', async () => {
    const w = (await createWorkflow({
      trigger: { event: 'record.created', object: 'contacts' },
      actions: [{ type: 'createTask', subject: 'Say hello' }],
    })) as { id: string; version: number };
    expect(w.version).toBe(1);
    const got = await t.admin.client.get(`/api/v1/workflows/${w.id}`);
    expect(got.headers.etag).toBe('"1"');

    const res = await t.admin.client.patch(
      `/api/v1/workflows/${w.id}`,
      { name: 'Greet new contacts' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ name: 'Greet new contacts', version: 2 });

    // A second editor still holding version 1: refused, nothing changed, the current copy returned.
    const stale = await t.admin.client.patch(
      `/api/v1/workflows/${w.id}`,
      { name: 'Overwritten', active: false },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ id: w.id, version: 2, name: 'Greet new contacts' });
    const after = (await t.admin.client.get(`/api/v1/workflows/${w.id}`)).json();
    expect(after).toMatchObject({ name: 'Greet new contacts', version: 2, active: true });

    const bad = await t.admin.client.patch(`/api/v1/workflows/${w.id}`, { name: 'x' }, { 'if-match': 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('If-Match');

    // Without If-Match the change applies to the current version (as approval processes do).
    const blind = await t.admin.client.patch(`/api/v1/workflows/${w.id}`, { name: 'Blind edit' });
    expect(blind.statusCode).toBe(200);
    expect(blind.json()).toMatchObject({ name: 'Blind edit', version: 3 });
  });
});
