import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../../test/countQueries';
import { createTestApp, type TestApp, type TestUser, testConfig } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { LONG_SESSIONS, type TestEngine, testEngine } from '../../platform/dispatch/testEngine';
import { outOfOffice, personMessage } from '../../platform/mail/inbound/fixtures';
import { receiveInbound } from '../../platform/mail/inbound/receiveInbound';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/testSmtpSink';
import { suppressAddress } from '../../platform/mail/unsubscribe';

let t: TestApp;
let engine: TestEngine;
let sink: SmtpSink;
let rep: TestUser;
let nurtureId: string;

const DAY = 86_400_000;

/** Moves the clock to the next Monday, 10:00 UTC (the workspace's zone), so business hours are predictable. */
function toNextMonday10() {
  const now = DateTime.fromJSDate(clock.now()).toUTC();
  const monday = now.startOf('week').plus({ weeks: 1, hours: 10 });
  clock.advance(monday.toMillis() - now.toMillis());
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const env = {
    ...LONG_SESSIONS,
    SMTP_URL: sink.url,
    SMTP_FROM: 'Acme <sales@acme.test>',
    PUBLIC_URL: 'https://crm.acme.test',
  };
  t = await createTestApp({ env });
  engine = testEngine(t.store, testConfig(env));
  rep = await t.createUser({ role: 'rep', name: 'Rita Rep' });
  await t.store.db
    .updateTable('users')
    .set({ signature: 'Rita Rep · Acme Ltd · +86 21 5555 0101' })
    .where('id', '=', rep.id)
    .execute();
  const res = await t.admin.client.post('/api/v1/sequences', { template: 'nurture' });
  expect(res.statusCode, res.body).toBe(201);
  nurtureId = res.json().id;
});
afterAll(async () => {
  clock.reset();
  await t?.close();
  await sink?.close();
});
afterEach(() => clock.reset());

async function lead(firstName: string, email: string) {
  const res = await rep.client.post('/api/v1/objects/leads', { firstName, lastName: 'Zhang', email });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function enroll(leadId: string, client = rep.client, sequenceId = nurtureId) {
  const res = await client.post(`/api/v1/sequences/${sequenceId}/enrollments`, {
    object: 'leads',
    id: leadId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; nextStep: { index: number; type: string }; nextRunAt: string };
}

async function enrollment(id: string, sequenceId = nurtureId) {
  const res = await rep.client.get(`/api/v1/sequences/${sequenceId}/enrollments/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    status: string;
    stopReason: string | null;
    nextStep: { index: number; type: string; subject: string } | null;
    nextRunAt: string | null;
    steps: { index: number; type: string; status: string; ranAt: string; result: Record<string, unknown> }[];
  };
}

async function tasksOf(leadId: string) {
  const res = await t.admin.client.post('/api/v1/objects/activities/search', {
    filters: [{ field: 'type', op: 'eq', value: 'task' }],
    limit: 200,
  });
  return (res.json().data as { subject: string; ownerId: string; relatedTo: { id: string }[] }[]).filter(
    (a) => a.relatedTo.some((r) => r.id === leadId),
  );
}

const mailsTo = (address: string) => sink.messages.filter((m) => m.envelopeTo.includes(address));

describe('R17: the nurture cadence', () => {
  it('ships as a ready template in both languages', async () => {
    const en = (await t.admin.client.get('/api/v1/sequence-templates')).json().data[0];
    expect(en.key).toBe('nurture');
    expect(en.name).toEqual({ en: 'New lead nurture', 'zh-CN': '新线索培育' });
    expect(en.steps.map((s: { type: string; delay: string }) => [s.type, s.delay])).toEqual([
      ['email', 'P0D'],
      ['letter', 'P1D'],
      ['email', 'P2D'],
      ['call', 'P2D'],
    ]);
  });

  it('runs day 0 thank-you email signed by the owner → day 1 letter task → day 3 email → day 5 call task', async () => {
    toNextMonday10();
    const start = clock.now().getTime();
    const l = await lead('Wei', 'wei.zhang@example.test');
    const e = await enroll(l.id);
    expect(e.nextStep).toMatchObject({ index: 0, type: 'email' });
    expect(Math.abs(new Date(e.nextRunAt).getTime() - start)).toBeLessThan(5000);

    await engine.drain();
    let mails = mailsTo('wei.zhang@example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe('Thank you for your interest, Wei');
    expect(mails[0]!.parsed.from?.value[0]?.name).toBe('Rita Rep');
    expect(mails[0]!.parsed.replyTo?.value[0]?.address).toBe(rep.email);
    expect(mails[0]!.parsed.text).toContain('Dear Wei,');
    expect(mails[0]!.parsed.text).toContain('Best regards,\nRita Rep');
    expect(mails[0]!.parsed.text).toContain('-- \nRita Rep · Acme Ltd');
    expect(mails[0]!.parsed.text).toContain('https://crm.acme.test/u/');
    let state = await enrollment(e.id);
    expect(state.nextStep).toMatchObject({ index: 1, type: 'letter' });
    expect(Math.abs(new Date(state.nextRunAt!).getTime() - (start + DAY))).toBeLessThan(5000);

    await engine.advance(DAY - 60_000);
    expect(await tasksOf(l.id)).toHaveLength(0); // not a minute early
    await engine.advance(60_000);
    let tasks = await tasksOf(l.id);
    expect(tasks.map((x) => [x.subject, x.ownerId])).toEqual([
      ['Mail the brochure with a personal letter to Wei Zhang', rep.id],
    ]);

    await engine.advance(2 * DAY);
    mails = mailsTo('wei.zhang@example.test');
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      'Thank you for your interest, Wei',
      'Did the brochure reach you, Wei?',
    ]);

    await engine.advance(2 * DAY);
    tasks = await tasksOf(l.id);
    expect(tasks.map((x) => x.subject).sort()).toEqual([
      'Call Wei Zhang about the brochure',
      'Mail the brochure with a personal letter to Wei Zhang',
    ]);
    state = await enrollment(e.id);
    expect(state.status).toBe('completed');
    expect(state.nextStep).toBeNull();
    expect(
      state.steps.map((s) => [
        s.index,
        s.type,
        s.status,
        Math.round(((new Date(s.ranAt).getTime() - start) / DAY) * 100) / 100,
      ]),
    ).toEqual([
      [0, 'email', 'done', 0],
      [1, 'letter', 'done', 1],
      [2, 'email', 'done', 3],
      [3, 'call', 'done', 5],
    ]);
    // Nothing more, ever.
    await engine.advance(10 * DAY);
    expect(mailsTo('wei.zhang@example.test')).toHaveLength(2);
    expect(await tasksOf(l.id)).toHaveLength(2);
  });

  it('sends email steps in business hours: a Saturday sign-up is thanked on Monday at 09:00', async () => {
    toNextMonday10();
    clock.advance(-2 * DAY); // Saturday 10:00
    const l = await lead('Sat', 'sat@example.test');
    const e = await enroll(l.id);
    await engine.drain();
    expect(mailsTo('sat@example.test')).toHaveLength(0);
    const state = await enrollment(e.id);
    expect(state.nextStep?.index).toBe(0);
    expect(DateTime.fromISO(state.nextRunAt!).toUTC().toFormat('ccc HH:mm')).toBe('Mon 09:00');
    await engine.advance(47 * 3600_000);
    expect(mailsTo('sat@example.test')).toHaveLength(1);
  });
});

describe('stopping, pausing and resuming', () => {
  it('stops on a reply, but not on an automatic reply', async () => {
    toNextMonday10();
    const l = await lead('Reply', 'reply@example.test');
    const e = await enroll(l.id);
    await engine.drain();
    const ours = await t.store.db
      .selectFrom('emails')
      .where('workspace_id', '=', t.workspaceId)
      .where('idempotency_key', '=', `seq:${e.id}:0`)
      .select('message_id')
      .executeTakeFirstOrThrow();
    await receiveInbound(
      t.store.db,
      outOfOffice({ from: 'reply@example.test', to: 'sales@acme.test', inReplyTo: ours.message_id! }),
    );
    await engine.drain();
    expect((await enrollment(e.id)).status).toBe('active');
    await receiveInbound(
      t.store.db,
      personMessage({ from: 'reply@example.test', to: 'sales@acme.test', inReplyTo: ours.message_id! }),
    );
    await engine.drain();
    const state = await enrollment(e.id);
    expect(state).toMatchObject({ status: 'stopped', stopReason: 'reply', nextStep: null });
    await engine.advance(6 * DAY);
    expect(mailsTo('reply@example.test')).toHaveLength(1);
    expect(await tasksOf(l.id)).toHaveLength(0);
  });

  it('stops when the lead unsubscribes or is converted', async () => {
    toNextMonday10();
    const a = await lead('Unsub', 'unsub@example.test');
    const b = await lead('Conv', 'conv@example.test');
    const ea = await enroll(a.id);
    const eb = await enroll(b.id);
    await engine.drain();
    const m = mailsTo('unsub@example.test')[0]!;
    const line = m.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const url = /<([^>]+)>/.exec(line.replace(/\r?\n\s+/g, ''))![1]!;
    expect((await t.anon.get(new URL(url).pathname)).statusCode).toBe(200);
    const conv = await rep.client.post(`/api/v1/objects/leads/${b.id}/convert`, {});
    expect(conv.statusCode, conv.body).toBe(200);
    await engine.drain();
    expect(await enrollment(ea.id)).toMatchObject({ status: 'stopped', stopReason: 'unsubscribed' });
    expect(await enrollment(eb.id)).toMatchObject({ status: 'stopped', stopReason: 'converted' });
  });

  it('does not enrol an address that unsubscribed, by hand or by workflow (forms: formsScoring.test); a task-only sequence still may', async () => {
    const l = await lead('Gone', 'Gone@Example.test');
    await suppressAddress(t.store.db, t.workspaceId, 'gone@example.test', 'unsubscribed');
    const before = await rep.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${l.id}`);
    const refused = await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments`, {
      object: 'leads',
      id: l.id,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([
      { field: 'id', message: 'This address has unsubscribed from marketing email' },
    ]);

    // The workflow's run succeeds and says why the record was left out.
    const wf = await t.admin.client.post('/api/v1/workflows', {
      name: 'Unsubscribed into nurture',
      trigger: {
        event: 'record.updated',
        object: 'leads',
        when: [{ field: 'title', op: 'eq', value: 'VIP' }],
      },
      actions: [{ type: 'enrollInSequence', sequenceId: nurtureId }],
    });
    expect(wf.statusCode, wf.body).toBe(201);
    await rep.client.patch(`/api/v1/objects/leads/${l.id}`, { title: 'VIP' });
    await engine.drain();
    const runs = (await t.admin.client.get(`/api/v1/workflows/${wf.json().id}/runs`)).json().data;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded' });
    expect(runs[0].actions[0].result).toMatchObject({ enrolled: false });
    await t.admin.client.delete(`/api/v1/workflows/${wf.json().id}`);
    const after = await rep.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${l.id}`);
    expect(after.json().data).toEqual(before.json().data);

    // Tasks only: nothing is mailed, so the rep's calls still get planned.
    const calls = await t.admin.client.post('/api/v1/sequences', {
      name: 'Calls only',
      businessHours: null,
      steps: [{ type: 'task', delay: 'P1D', subject: 'Call {{record.firstName}}' }],
    });
    expect(calls.statusCode, calls.body).toBe(201);
    await enroll(l.id, rep.client, calls.json().id);
  });

  it('pauses and resumes: a step due while paused runs on resume, once', async () => {
    toNextMonday10();
    const l = await lead('Pause', 'pause@example.test');
    const e = await enroll(l.id);
    await engine.drain();
    const paused = await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments/${e.id}/pause`);
    expect(paused.json()).toMatchObject({ status: 'paused', nextRunAt: null, nextStep: { index: 1 } });
    await engine.advance(3 * DAY);
    expect(await tasksOf(l.id)).toHaveLength(0);
    expect(
      (await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments/${e.id}/pause`)).statusCode,
    ).toBe(422);
    const resumed = await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments/${e.id}/resume`);
    expect(resumed.json()).toMatchObject({ status: 'active', nextStep: { index: 1 } });
    await engine.drain();
    expect(await tasksOf(l.id)).toHaveLength(1);
    expect((await enrollment(e.id)).nextStep?.index).toBe(2);
    const stopped = await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments/${e.id}/stop`);
    expect(stopped.json()).toMatchObject({ status: 'stopped', stopReason: 'stopped by hand' });
  });

  it('enrols from a workflow action, once per record', async () => {
    const wf = await t.admin.client.post('/api/v1/workflows', {
      name: 'New leads into nurture',
      trigger: {
        event: 'record.created',
        object: 'leads',
        when: [{ field: 'source', op: 'eq', value: 'web' }],
      },
      actions: [{ type: 'enrollInSequence', sequenceId: nurtureId }],
    });
    expect(wf.statusCode, wf.body).toBe(201);
    const res = await rep.client.post('/api/v1/objects/leads', {
      lastName: 'Web',
      email: 'web@example.test',
      source: 'web',
    });
    await engine.drain();
    const list = await rep.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${res.json().id}`);
    expect(
      list.json().data.map((x: { sequenceId: string; status: string }) => [x.sequenceId, x.status]),
    ).toEqual([[nurtureId, 'active']]);
    // Each enrolment names its sequence and its record, for the record page and the settings list.
    expect(list.json().data[0]).toMatchObject({ sequenceName: 'New lead nurture', recordName: 'Web' });
    const ofSequence = await t.admin.client.get(`/api/v1/sequences/${nurtureId}/enrollments?limit=100`);
    const listed = ofSequence.json().data.find((x: { recordId: string }) => x.recordId === res.json().id);
    expect(listed).toMatchObject({ object: 'leads', recordName: 'Web' });
    await t.admin.client.delete(`/api/v1/workflows/${wf.json().id}`);
  });
});

describe('enrolment lists', () => {
  it('name every record of a page (leads and contacts alike) in as many queries for 14 rows as for 3', async () => {
    const seq = await t.admin.client.post('/api/v1/sequences', {
      name: 'Names',
      businessHours: null,
      steps: [{ type: 'task', delay: 'P1D', subject: 'Call {{record.firstName}}' }],
    });
    expect(seq.statusCode, seq.body).toBe(201);
    const id = seq.json().id as string;
    const names: string[] = [];
    for (let i = 0; i < 12; i++) {
      const l = await lead(`Lead${i}`, `names-${i}@example.test`);
      await enroll(l.id, rep.client, id);
      names.push(`Lead${i} Zhang`);
    }
    for (let i = 0; i < 2; i++) {
      const c = await rep.client.post('/api/v1/objects/contacts', {
        firstName: `Contact${i}`,
        lastName: 'Li',
      });
      expect(c.statusCode, c.body).toBe(201);
      const e = await rep.client.post(`/api/v1/sequences/${id}/enrollments`, {
        object: 'contacts',
        id: c.json().id,
      });
      expect(e.statusCode, e.body).toBe(201);
      names.push(`Contact${i} Li`);
    }
    const counter = countQueries(t);
    const cost = async (limit: number) => {
      counter.n = 0;
      const res = await t.admin.client.get(`/api/v1/sequences/${id}/enrollments?limit=${limit}`);
      expect(res.statusCode, res.body).toBe(200);
      return { n: counter.n, data: res.json().data as { recordName: string | null; sequenceName: string }[] };
    };
    await cost(1);
    const small = await cost(3);
    const big = await cost(14);
    expect(big.data.map((e) => e.recordName).sort()).toEqual([...names].sort());
    expect(big.data.every((e) => e.sequenceName === 'Names')).toBe(true);
    expect(big.n).toBe(small.n);
  });
});

describe('sequence API: access and hostile input', () => {
  it('refuses what cannot work, naming the field', async () => {
    expect((await rep.client.post('/api/v1/sequences', { template: 'nurture' })).statusCode).toBe(403);
    const cases: [Record<string, unknown>, string][] = [
      [{ template: 'nope' }, 'template'],
      [{ name: 'x' }, 'steps'],
      [{ name: 'x', steps: [{ type: 'email', delay: 'P1D', subject: 'Hi' }] }, 'steps.0.body'],
      [{ name: 'x', steps: [{ type: 'fax', delay: 'P1D', subject: 'Hi' }] }, 'steps.0.type'],
      [{ name: 'x', steps: [{ type: 'task', delay: 'tomorrow', subject: 'Hi' }] }, 'steps.0.delay'],
      [
        { name: 'x', steps: [{ type: 'task', delay: 'P1D', subject: 'Hi {{lead.first name}}' }] },
        'steps.0.subject',
      ],
      [
        { name: 'x', steps: [{ type: 'task', delay: 'P1D', subject: 'Hi' }], stopOn: ['boredom'] },
        'stopOn.0',
      ],
      [
        {
          name: 'x',
          steps: [{ type: 'task', delay: 'P1D', subject: 'Hi' }],
          businessHours: { days: [1], start: '18:00', end: '09:00' },
        },
        'businessHours.end',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await t.admin.client.post('/api/v1/sequences', body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const missing = '0190a0b0-0000-7000-8000-000000000000';
    expect(
      (await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments`, { object: 'leads', id: missing }))
        .statusCode,
    ).toBe(404);
    expect(
      (await rep.client.post(`/api/v1/sequences/${missing}/enrollments`, { object: 'leads', id: missing }))
        .statusCode,
    ).toBe(404);
    const l = await lead('Twice', 'twice@example.test');
    await enroll(l.id);
    const again = await rep.client.post(`/api/v1/sequences/${nurtureId}/enrollments`, {
      object: 'leads',
      id: l.id,
    });
    expect(again.statusCode).toBe(409);
    // Another rep cannot enrol a lead they cannot see.
    const other = await t.createUser({ role: 'rep' });
    expect(
      (await other.client.post(`/api/v1/sequences/${nurtureId}/enrollments`, { object: 'leads', id: l.id }))
        .statusCode,
    ).toBe(404);
  });
});
