import net from 'node:net';
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { deliverDueEmails } from '../../platform/mail/deliver';
import {
  autoSubmitted,
  chineseAutoReply,
  dsnBounce,
  outOfOffice,
  personMessage,
} from '../../platform/mail/inbound/fixtures';
import { type InboundListener, startInboundSmtp } from '../../platform/mail/inbound/smtpListener';
import { queueEmail } from '../../platform/mail/queueEmail';
import { mailSettings } from '../../platform/mail/settings';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/testSmtpSink';
import { createRecord } from '../records/write/createRecord';
import { createWorkspace } from '../workspaces/createWorkspace';

let t: TestApp;
let sink: SmtpSink;
let inbound: InboundListener;
let env: Record<string, string>;
let contactId: string;
let leadId: string;
const log = pino({ level: 'silent' }) as never;

/** Sends raw bytes to our listener over SMTP, as a mail server would. */
function deliver(raw: string, envelope: { from: string; to: string[] }, port = inbound.port) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope, raw });
}

async function inboxOf(recordId?: string) {
  const q = recordId ? `&recordId=${recordId}` : '';
  const res = await t.admin.client.get(`/api/v1/emails?direction=in&limit=200${q}`);
  expect(res.statusCode).toBe(200);
  return res.json().data as {
    id: string;
    kind: string;
    subject: string;
    related: { id: string; role: string }[];
  }[];
}

async function eventsOf(type: string) {
  return t.store.db
    .selectFrom('outbox_events')
    .where('workspace_id', '=', t.workspaceId)
    .where('type', '=', type)
    .select(['payload', 'object', 'record_id'])
    .orderBy('seq')
    .execute();
}

async function sendOurs(to: string, related: { object: string; id: string }[]) {
  const r = await queueEmail(t.store.db, mailSettings(testConfig(env)), {
    workspaceId: t.workspaceId,
    to: [to],
    template: { subject: 'Welcome', body: 'Welcome to Acme' },
    related,
    senderUserId: t.admin.id,
    source: 'sequence',
    marketing: true,
  });
  if (!r.queued) throw new Error('not queued');
  await deliverDueEmails(t.store.db, mailSettings(testConfig(env)));
  const row = await t.store.db
    .selectFrom('emails')
    .where('id', '=', r.id)
    .select('message_id')
    .executeTakeFirstOrThrow();
  return { id: r.id, messageId: row.message_id! };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  env = { SMTP_URL: sink.url, SMTP_FROM: 'Acme <sales@acme.test>' };
  t = await createTestApp({ env });
  inbound = await startInboundSmtp(t.store.db, log, { host: '127.0.0.1', port: 0 });
  const ctx = systemCtx(t.store.db, t.workspaceId, t.admin.id);
  contactId = (
    await createRecord(ctx, 'contacts', {
      firstName: 'Na',
      lastName: 'Li',
      email: 'li.na@example.test',
      emails: ['na.li@home.test'],
    })
  ).id;
  leadId = (await createRecord(ctx, 'leads', { lastName: 'Wang', email: 'Wang@Lead.test' })).id;
});
afterAll(async () => {
  await inbound?.close();
  await t?.close();
  await sink?.close();
});

describe('inbound email over real SMTP', () => {
  it('stores a reply, links it to the contact and to what our message was about, and hands it on', async () => {
    const ours = await sendOurs('li.na@example.test', [{ object: 'leads', id: leadId }]);
    await deliver(
      personMessage({ from: 'Li Na <li.na@example.test>', to: 'sales@acme.test', inReplyTo: ours.messageId }),
      { from: 'li.na@example.test', to: ['sales@acme.test'] },
    );
    const got = (await inboxOf(contactId))[0]!;
    expect(got).toMatchObject({ kind: 'reply', subject: 'Re: Welcome' });
    expect(got.related).toEqual(
      expect.arrayContaining([
        { object: 'contacts', id: contactId, role: 'from' },
        { object: 'leads', id: leadId, role: 'related' },
      ]),
    );
    const onContact = await t.admin.client.get(`/api/v1/objects/contacts/${contactId}/timeline?kinds=email`);
    expect(onContact.statusCode).toBe(200);
    expect(onContact.json().data.map((i: { recordId: string }) => i.recordId)).toContain(got.id);
    // The lead our message was about shows the message and its answer.
    const timeline = await t.admin.client.get(`/api/v1/objects/leads/${leadId}/timeline?kinds=email`);
    const items = timeline.json().data as { kind: string; recordId: string; email: { direction: string } }[];
    expect(items.map((i) => [i.kind, i.recordId, i.email.direction])).toEqual(
      expect.arrayContaining([
        ['email', got.id, 'in'],
        ['email', ours.id, 'out'],
      ]),
    );
    // Whoever may read the contact may read its mail: a rep sees the reply though an admin's message started it.
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get(`/api/v1/emails/${got.id}`)).statusCode).toBe(200);
    const ev = (await eventsOf('email.received')).at(-1)!;
    expect(ev).toMatchObject({ object: 'contacts', record_id: contactId });
    expect(ev.payload).toMatchObject({ emailId: got.id, kind: 'reply', inReplyToEmailId: ours.id });
  });

  it('logs a message a rep BCCs to the dropbox on every contact it involves, by any of their addresses', async () => {
    await deliver(
      personMessage({
        from: `Ada <${t.admin.email}>`,
        to: 'na.li@home.test',
        cc: 'stranger@nowhere.test, wang@lead.test',
        subject: 'Proposal',
      }),
      { from: t.admin.email, to: ['dropbox@crm.acme.test'] },
    );
    const got = (await inboxOf()).find((e) => e.subject === 'Proposal')!;
    expect(got.kind).toBe('message');
    expect(got.related).toEqual(
      expect.arrayContaining([
        { object: 'contacts', id: contactId, role: 'to' },
        { object: 'leads', id: leadId, role: 'cc' },
      ]),
    );
    expect(got.related).toHaveLength(2);
  });

  it('stores a message delivered twice only once', async () => {
    const raw = personMessage({
      from: 'li.na@example.test',
      to: 'sales@acme.test',
      subject: 'Twice',
      messageId: '<twice-1@example.test>',
    });
    await deliver(raw, { from: 'li.na@example.test', to: [`dropbox+${t.workspaceId}@crm.acme.test`] });
    await deliver(raw, { from: 'li.na@example.test', to: [`dropbox+${t.workspaceId}@crm.acme.test`] });
    expect((await inboxOf()).filter((e) => e.subject === 'Twice')).toHaveLength(1);
  });

  it('recognises automatic replies first: stored, marked, never counted as a reply, never answered', async () => {
    const ours = await sendOurs('li.na@example.test', [{ object: 'contacts', id: contactId }]);
    const before = (await eventsOf('email.received')).length;
    const sentBefore = sink.messages.length;
    for (const raw of [
      outOfOffice({ from: 'li.na@example.test', to: 'sales@acme.test', inReplyTo: ours.messageId }),
      autoSubmitted({ from: 'li.na@example.test', to: 'sales@acme.test', inReplyTo: ours.messageId }),
      chineseAutoReply({ from: 'li.na@example.test', to: 'sales@acme.test' }),
    ]) {
      await deliver(raw, { from: 'li.na@example.test', to: ['sales@acme.test'] });
    }
    const autos = (await inboxOf(contactId)).filter((e) => e.kind === 'autoReply');
    expect(autos).toHaveLength(3);
    expect((await eventsOf('email.received')).length).toBe(before);
    await deliverDueEmails(t.store.db, mailSettings(testConfig(env)));
    expect(sink.messages.length).toBe(sentBefore);
  });

  it('reads a bounce: our message marked failed, the address suppressed, no reply counted', async () => {
    const ours = await sendOurs('gone@example.test', [{ object: 'contacts', id: contactId }]);
    const before = (await eventsOf('email.received')).length;
    await deliver(dsnBounce({ to: 'gone@example.test', originalMessageId: ours.messageId }), {
      from: '',
      to: ['sales@acme.test'],
    });
    const original = (await t.admin.client.get(`/api/v1/emails/${ours.id}`)).json();
    expect(original.status).toBe('failed');
    expect(original.bouncedAt).toBeTruthy();
    expect(original.bounceReason).toMatch(/5\.1\.1/);
    const bounceMail = (await inboxOf(contactId)).find((e) => e.kind === 'bounce');
    expect(bounceMail).toBeTruthy();
    const suppressed = await t.store.db
      .selectFrom('email_suppressions')
      .where('workspace_id', '=', t.workspaceId)
      .where('address', '=', 'gone@example.test')
      .select('reason')
      .executeTakeFirst();
    expect(suppressed?.reason).toBe('bounced');
    expect(
      (await eventsOf('email.bounced')).map((e) => (e.payload as { address: string }).address),
    ).toContain('gone@example.test');
    expect((await eventsOf('email.received')).length).toBe(before);
  });

  it('refuses mail it cannot place in a workspace, so the sender hears about it', async () => {
    await createWorkspace(t.store.db, {
      name: 'Other',
      admin: { email: `other-${Date.now()}@example.test`, name: 'Other', password: 'another long password' },
    });
    await expect(
      deliver(personMessage({ from: 'who@nowhere.test', to: 'random@crm.test' }), {
        from: 'who@nowhere.test',
        to: ['random@crm.test'],
      }),
    ).rejects.toThrow(/550/);
  });
});

describe('the listener as part of the app', () => {
  it('starts with the server when INBOUND_SMTP_PORT is set and stops with it', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const app = await createTestApp({ env: { INBOUND_SMTP_PORT: String(port) } });
    try {
      await deliver(
        personMessage({ from: app.admin.email, to: 'x@example.test', subject: 'Via app' }),
        {
          from: app.admin.email,
          to: ['dropbox@crm.test'],
        },
        port,
      );
      const list = (await app.admin.client.get('/api/v1/emails?direction=in')).json().data;
      expect(list.map((e: { subject: string }) => e.subject)).toContain('Via app');
    } finally {
      await app.close();
    }
    await expect(
      deliver(
        personMessage({ from: 'a@b.test', to: 'c@d.test' }),
        { from: 'a@b.test', to: ['c@d.test'] },
        port,
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
