import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { deliverDueEmails } from '../../platform/mail/deliver';
import { queueEmail } from '../../platform/mail/queueEmail';
import { mailSettings } from '../../platform/mail/settings';
import { type SinkMessage, startSmtpSink, type SmtpSink } from '../../platform/mail/testSmtpSink';

let sink: SmtpSink;
let t: TestApp;
let env: Record<string, string>;

beforeAll(async () => {
  sink = await startSmtpSink();
  env = {
    SMTP_URL: sink.url,
    SMTP_FROM: 'Acme Sales <sales@acme.test>',
    PUBLIC_URL: 'https://crm.acme.test',
  };
  t = await createTestApp({ env });
  await t.store.db
    .updateTable('users')
    .set({ signature: 'Ada Admin\nAcme Ltd · +86 21 5555 0100', name: 'Ada Admin' })
    .where('id', '=', t.admin.id)
    .execute();
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});
afterEach(() => {
  clock.reset();
  sink.reject = null;
});

const settings = () => mailSettings(testConfig(env));

function rawHeader(m: SinkMessage, name: string): string {
  const line = m.parsed.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n\s+/g, '')
    .trim();
}

describe('outgoing email over real SMTP', () => {
  it('delivers a marketing message with escaped merge fields, the signature and an unsubscribe link', async () => {
    const before = sink.messages.length;
    const r = await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['Zhang.Wei@Example.test'],
      template: {
        subject: 'Welcome, {{contact.firstName || "friend"}}',
        body: 'Dear {{contact.firstName}},\n\nThank you for signing up.\n\nRegards, {{owner.name}}',
      },
      context: { contact: { firstName: '<Zhang & Wei>' }, owner: { name: 'Ada Admin' } },
      senderUserId: t.admin.id,
      source: 'sequence',
      marketing: true,
    });
    expect(r).toMatchObject({ queued: true, duplicate: false });
    const report = await deliverDueEmails(t.store.db, settings());
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect(sink.messages.length).toBe(before + 1);
    const m = sink.messages.at(-1)!;
    expect(m.envelopeTo).toEqual(['zhang.wei@example.test']);
    expect(m.parsed.subject).toBe('Welcome, <Zhang & Wei>');
    expect(m.parsed.from?.value[0]).toMatchObject({ name: 'Ada Admin', address: 'sales@acme.test' });
    expect(m.parsed.replyTo?.value[0]?.address).toBe(t.admin.email);
    expect(m.parsed.text).toContain('Dear <Zhang & Wei>,');
    expect(m.parsed.text).toContain('-- \nAda Admin\nAcme Ltd');
    expect(m.parsed.html).toContain('Dear &lt;Zhang &amp; Wei&gt;,');
    expect(m.parsed.html).not.toContain('<Zhang');
    const listUnsub = rawHeader(m, 'list-unsubscribe');
    expect(listUnsub).toMatch(/https:\/\/crm\.acme\.test\/u\/[\w.-]+/);
    expect(m.parsed.text).toContain('Unsubscribe · 退订: https://crm.acme.test/u/');

    const res = await t.admin.client.get('/api/v1/emails?direction=out&status=sent');
    expect(res.statusCode).toBe(200);
    const listed = res.json().data.find((e: { id: string }) => r.queued && e.id === r.id);
    expect(listed).toMatchObject({ status: 'sent', attempts: 1, lastError: null, marketing: true });
    expect(listed.sentAt).toMatch(/T.*Z$/);
  });

  it('honours the unsubscribe link: recorded per address, refused for marketing mail afterwards', async () => {
    await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['li.na@example.test'],
      template: { subject: 'News', body: 'Hello {{contact.firstName}}' },
      context: { contact: { firstName: 'Na' } },
      source: 'sequence',
      marketing: true,
    });
    await deliverDueEmails(t.store.db, settings());
    const m = sink.messages.at(-1)!;
    const url = rawHeader(m, 'list-unsubscribe').replace(/^<|>$/g, '');
    const path = new URL(url).pathname;

    const forged = await t.anon.get(`${path.slice(0, -2)}xx`);
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['content-type']).toContain('application/problem+json');

    const page = await t.anon.get(path, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('li.na@example.test');
    expect(page.body).toContain('您已退订');
    // A second click changes nothing and still confirms.
    expect((await t.anon.get(path, { accept: 'text/html' })).statusCode).toBe(200);

    const rows = await t.store.db
      .selectFrom('email_suppressions')
      .where('workspace_id', '=', t.workspaceId)
      .selectAll()
      .execute();
    expect(rows.filter((r) => r.address === 'li.na@example.test')).toHaveLength(1);
    const events = await t.store.db
      .selectFrom('outbox_events')
      .where('workspace_id', '=', t.workspaceId)
      .where('type', '=', 'email.unsubscribed')
      .select('payload')
      .execute();
    expect(events.map((e) => (e.payload as { address: string }).address)).toEqual(['li.na@example.test']);

    const again = await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['LI.NA@example.test'],
      template: { subject: 'More news', body: 'Hello' },
      source: 'sequence',
      marketing: true,
    });
    expect(again).toEqual({ queued: false, reason: 'suppressed', addresses: ['li.na@example.test'] });
  });

  it('accepts the RFC 8058 one-click unsubscribe POST', async () => {
    await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['one.click@example.test'],
      template: { subject: 'Hi', body: 'Hi' },
      source: 'sequence',
      marketing: true,
    });
    await deliverDueEmails(t.store.db, settings());
    const url = rawHeader(sink.messages.at(-1)!, 'list-unsubscribe').replace(/^<|>$/g, '');
    const res = await t.anon.request('POST', new URL(url).pathname, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unsubscribed: true, address: 'one.click@example.test' });
  });

  it('retries a temporary SMTP failure with backoff, then marks it failed after the last attempt', async () => {
    sink.reject = 451;
    const r = await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['retry@example.test'],
      template: { subject: 'Retry me', body: 'Body' },
      source: 'manual',
    });
    if (!r.queued) throw new Error('not queued');
    await deliverDueEmails(t.store.db, settings());
    let e = (await t.admin.client.get(`/api/v1/emails/${r.id}`)).json();
    expect(e).toMatchObject({ status: 'queued', attempts: 1 });
    expect(e.lastError).toMatch(/451/);
    expect(new Date(e.nextAttemptAt).getTime() - clock.now().getTime()).toBeGreaterThan(50_000);

    // Not due yet: nothing is attempted.
    await deliverDueEmails(t.store.db, settings());
    expect((await t.admin.client.get(`/api/v1/emails/${r.id}`)).json().attempts).toBe(1);

    for (let i = 0; i < 10; i++) {
      clock.advance(9 * 60 * 60_000);
      await deliverDueEmails(t.store.db, settings());
    }
    clock.reset(); // the session would have expired 90 hours later
    e = (await t.admin.client.get(`/api/v1/emails/${r.id}`)).json();
    expect(e).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null });

    sink.reject = null;
    const retried = await t.admin.client.post(`/api/v1/emails/${r.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    await deliverDueEmails(t.store.db, settings());
    expect((await t.admin.client.get(`/api/v1/emails/${r.id}`)).json().status).toBe('sent');
    const again = await t.admin.client.post(`/api/v1/emails/${r.id}/retry`);
    expect(again.statusCode).toBe(422);
  });

  it('fails at once when the server refuses the mailbox for good (5xx)', async () => {
    sink.reject = 550;
    const r = await queueEmail(t.store.db, settings(), {
      workspaceId: t.workspaceId,
      to: ['nobody@example.test'],
      template: { subject: 'Gone', body: 'Body' },
      source: 'manual',
    });
    if (!r.queued) throw new Error('not queued');
    await deliverDueEmails(t.store.db, settings());
    const e = (await t.admin.client.get(`/api/v1/emails/${r.id}`)).json();
    expect(e).toMatchObject({ status: 'failed', attempts: 1 });
    expect(e.lastError).toMatch(/550/);
  });

  it('sends a message composed through the API, signed by its author', async () => {
    const res = await t.admin.client.post('/api/v1/emails', {
      to: ['buyer@example.test'],
      subject: 'Your quote',
      body: 'Attached is the quote we discussed.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/emails/${res.json().id}`);
    expect(res.json()).toMatchObject({ status: 'queued', direction: 'out', source: 'manual', note: null });
    await deliverDueEmails(t.store.db, settings());
    const m = sink.messages.at(-1)!;
    expect(m.parsed.subject).toBe('Your quote');
    expect(m.parsed.text).toContain('-- \nAda Admin');
  });

  it('keys a producer’s message so a retried step never mails twice', async () => {
    const input = {
      workspaceId: t.workspaceId,
      to: ['once@example.test'],
      template: { subject: 'Once', body: 'Once' },
      source: 'sequence' as const,
      idempotencyKey: 'test:once',
    };
    const a = await queueEmail(t.store.db, settings(), input);
    const b = await queueEmail(t.store.db, settings(), input);
    expect(a.queued && b.queued && a.id === b.id).toBe(true);
    expect(b).toMatchObject({ duplicate: true });
    const n = await t.store.db
      .selectFrom('emails')
      .where('idempotency_key', '=', 'test:once')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describe('email API: hostile input and access', () => {
  it('names the bad field', async () => {
    const bad = await t.admin.client.post('/api/v1/emails', {
      to: ['not-an-address'],
      subject: 'x',
      body: 'y',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('to.0');
    const unknown = await t.admin.client.post('/api/v1/emails', {
      to: ['a@b.test'],
      subject: 'x',
      body: 'y',
      bcc: [],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'bcc', message: 'Unknown field' }]);
    const noBody = await t.admin.client.post('/api/v1/emails', { to: ['a@b.test'] });
    expect(noBody.statusCode).toBe(400);
    expect(
      noBody
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body', 'subject']);
    const badMerge = await t.admin.client.post('/api/v1/emails', {
      to: ['a@b.test'],
      subject: 'Hi {{contact.first-name}}',
      body: 'y',
    });
    expect(badMerge.statusCode).toBe(400);
    expect(badMerge.json().errors[0]).toMatchObject({ field: 'subject' });
    expect((await t.admin.client.get('/api/v1/emails?after=garbage')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/emails?limit=0')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/emails/not-a-uuid')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/emails/0190a0b0-0000-7000-8000-000000000000')).statusCode).toBe(
      404,
    );
    expect((await t.anon.get('/api/v1/emails')).statusCode).toBe(401);
  });

  it('shows a rep only the messages they sent, and 404 for the rest', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const mine = await rep.client.post('/api/v1/emails', {
      to: ['x@example.test'],
      subject: 'Mine',
      body: 'b',
    });
    expect(mine.statusCode).toBe(201);
    const list = (await rep.client.get('/api/v1/emails')).json();
    expect(list.data.map((e: { id: string }) => e.id)).toEqual([mine.json().id]);
    const adminsEmail = (await t.admin.client.get('/api/v1/emails?direction=out'))
      .json()
      .data.find((e: { senderUserId: string }) => e.senderUserId === t.admin.id);
    expect((await rep.client.get(`/api/v1/emails/${adminsEmail.id}`)).statusCode).toBe(404);
    expect((await rep.client.post(`/api/v1/emails/${adminsEmail.id}/retry`)).statusCode).toBe(404);
  });

  it('pages the outbox with a cursor', async () => {
    const first = (await t.admin.client.get('/api/v1/emails?limit=2')).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = (await t.admin.client.get(`/api/v1/emails?limit=2&after=${first.nextCursor}`)).json();
    expect(second.data[0].id < first.data[1].id).toBe(true);
  });

  it('manages templates and refuses bad merge fields when saving', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const body = {
      name: 'Thank you',
      subject: 'Thanks {{contact.firstName}}',
      body: 'Hi {{contact.firstName}}',
    };
    expect((await rep.client.post('/api/v1/email-templates', body)).statusCode).toBe(403);
    const created = await t.admin.client.post('/api/v1/email-templates', body);
    expect(created.statusCode).toBe(201);
    expect(
      (await t.admin.client.post('/api/v1/email-templates', { ...body, name: 'THANK YOU' })).statusCode,
    ).toBe(409);
    const bad = await t.admin.client.post('/api/v1/email-templates', {
      ...body,
      name: 'Bad',
      body: 'Hi {{ foo.bar }}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body');
    const patched = await t.admin.client.patch(`/api/v1/email-templates/${created.json().id}`, {
      subject: 'Thank you!',
    });
    expect(patched.json().subject).toBe('Thank you!');
    expect((await rep.client.get('/api/v1/email-templates')).json().data).toHaveLength(1);
  });
});

describe('without SMTP_URL', () => {
  it('keeps mail queued with a note saying no SMTP server is configured', async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.admin.client.post('/api/v1/emails', {
        to: ['x@example.test'],
        subject: 's',
        body: 'b',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe('queued');
      expect(res.json().note).toMatch(/SMTP_URL/);
      const report = await deliverDueEmails(bare.store.db, mailSettings(testConfig()));
      expect(report).toEqual({ sent: 0, retried: 0, failed: 0 });
      const listed = (await bare.admin.client.get('/api/v1/emails?status=queued')).json().data;
      expect(listed).toHaveLength(1);
    } finally {
      await bare.close();
    }
  });
});
