// Takes one incoming message (raw RFC 5322 bytes from the SMTP listener), recognises bounces and
// automatic replies first, finds its workspace and the contacts and leads it involves (From, To, Cc:
// the BCC-dropbox pattern), stores it with links to them — the timeline reads those — and hands it on:
// a person's message becomes an `email.received` event (sequences stop on replies, workflows and
// scoring react); a bounce marks our message failed and suppresses the address. Automatic replies
// are stored and nothing else. Receiving the same message twice stores it once.
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { clock } from '../../clock';
import type { Db, Tx } from '../../db/schema';
import { emitEvent } from '../../events/outbox';
import { newId, sha256 } from '../../ids';
import { suppressAddress } from '../unsubscribe';
import { type Classification, classifyInbound } from './classify';
import { routeInbound } from './routeInbound';
import '../schema';

const MAX_TEXT = 1_000_000;
const MAX_HTML = 2_000_000;
const KEPT_HEADERS = ['auto-submitted', 'precedence', 'x-autoreply', 'list-id', 'x-failed-recipients'];

export interface InboundResult {
  outcome: 'stored' | 'duplicate' | 'unrouted';
  kind?: 'message' | 'reply' | 'bounce' | 'autoReply';
  emailId?: string;
  workspaceId?: string;
  records?: { object: string; id: string; role: string }[];
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : [])
    .flatMap((o) => o.value)
    .map((v) => v.address?.toLowerCase())
    .filter((x): x is string => Boolean(x));

const refsOf = (mail: ParsedMail): string[] => {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return [...new Set([mail.inReplyTo, ...refs].filter((x): x is string => Boolean(x)))];
};

export async function receiveInbound(
  db: Db,
  raw: Buffer | string,
  envelope: { mailFrom: string | null; rcptTo: string[] } = { mailFrom: null, rcptTo: [] },
): Promise<InboundResult> {
  const mail = await simpleParser(raw, { skipImageLinks: true });
  const cls = classifyInbound(mail, envelope.mailFrom);
  const from = addresses(mail.from)[0] ?? null;
  const to = addresses(mail.to);
  const cc = addresses(mail.cc);
  const refs = refsOf(mail);
  if (cls.kind === 'bounce' && cls.bounce.originalMessageId) refs.unshift(cls.bounce.originalMessageId);
  const route = await routeInbound(db, {
    referencedIds: refs,
    fromAddress: from,
    recipients: [...envelope.rcptTo, ...to, ...cc],
  });
  if (!route) return { outcome: 'unrouted' };
  const ws = route.workspaceId;
  const key = `in:${mail.messageId ?? sha256(typeof raw === 'string' ? raw : raw.toString('binary'))}`;

  return db.transaction().execute(async (tx) => {
    const seen = await tx
      .selectFrom('emails')
      .where('workspace_id', '=', ws)
      .where('idempotency_key', '=', key)
      .select('id')
      .executeTakeFirst();
    if (seen) return { outcome: 'duplicate', emailId: seen.id, workspaceId: ws };

    const kind = cls.kind === 'message' ? (route.original ? 'reply' : 'message') : cls.kind;
    const records = await involvedRecords(tx, ws, { from, to, cc });
    if (route.original) {
      // The records our message was about (a lead in a sequence, a deal) hear about the answer too.
      const originals = await tx
        .selectFrom('email_links')
        .where('workspace_id', '=', ws)
        .where('email_id', '=', route.original.id)
        .select(['object', 'record_id'])
        .execute();
      for (const o of originals) {
        if (!records.some((r) => r.object === o.object && r.id === o.record_id))
          records.push({ object: o.object, id: o.record_id, role: 'related' });
      }
    }
    const id = newId();
    const now = clock.now();
    const headers: Record<string, string> = {};
    for (const h of mail.headerLines)
      if (KEPT_HEADERS.includes(h.key)) headers[h.key] = h.line.slice(h.line.indexOf(':') + 1).trim();
    await tx
      .insertInto('emails')
      .values({
        workspace_id: ws,
        id,
        direction: 'in',
        status: 'received',
        kind,
        from_address: from ?? '',
        from_name: mail.from?.value[0]?.name || null,
        reply_to: addresses(mail.replyTo)[0] ?? null,
        to_addresses: to,
        cc_addresses: cc,
        subject: (mail.subject ?? '').slice(0, 1000),
        text_body: (mail.text ?? '').slice(0, MAX_TEXT),
        html_body: mail.html ? mail.html.slice(0, MAX_HTML) : null,
        message_id: mail.messageId ?? null,
        in_reply_to: mail.inReplyTo ?? null,
        thread_refs: refsOf(mail),
        sender_user_id: null,
        created_by: null,
        source: 'inbound',
        next_attempt_at: null,
        claimed_until: null,
        last_error: null,
        note: cls.kind === 'autoReply' ? `Automatic reply (${cls.reason}): not counted as a reply` : null,
        sent_at: null,
        received_at: now,
        bounced_at: null,
        bounce_reason: null,
        idempotency_key: key,
        headers: JSON.stringify(headers),
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (records.length) {
      await tx
        .insertInto('email_links')
        .values(
          records.map((r) => ({
            workspace_id: ws,
            email_id: id,
            object: r.object,
            record_id: r.id,
            role: r.role,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await handOn(tx, ws, id, cls, route.original?.id ?? null, {
      from,
      to,
      cc,
      subject: mail.subject ?? '',
      records,
      kind,
    });
    return { outcome: 'stored', kind, emailId: id, workspaceId: ws, records };
  });
}

async function handOn(
  tx: Tx,
  ws: string,
  emailId: string,
  cls: Classification,
  originalId: string | null,
  m: {
    from: string | null;
    to: string[];
    cc: string[];
    subject: string;
    records: { object: string; id: string; role: string }[];
    kind: string;
  },
) {
  if (cls.kind === 'autoReply') return;
  if (cls.kind === 'bounce') {
    const reason =
      cls.bounce.recipients
        .map((r) => [r.address, r.status, r.diagnostic].filter(Boolean).join(' '))
        .join('; ') || m.subject;
    if (originalId) {
      await tx
        .updateTable('emails')
        .set({
          status: 'failed',
          bounced_at: clock.now(),
          bounce_reason: reason.slice(0, 1000),
          last_error: `Bounced: ${reason}`.slice(0, 1000),
          updated_at: clock.now(),
        })
        .where('workspace_id', '=', ws)
        .where('id', '=', originalId)
        .execute();
    }
    if (cls.bounce.permanent) {
      for (const r of cls.bounce.recipients) await suppressAddress(tx, ws, r.address, 'bounced', originalId);
    }
    return;
  }
  const primary = m.records.find((r) => r.role === 'from') ?? m.records[0] ?? null;
  await emitEvent(tx, {
    workspaceId: ws,
    type: 'email.received',
    object: primary?.object ?? null,
    recordId: primary?.id ?? null,
    payload: {
      emailId,
      kind: m.kind,
      from: m.from,
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      inReplyToEmailId: originalId,
      records: m.records,
    },
  });
}

/** Contacts (any of their addresses) and leads whose address is in From, To or Cc. */
async function involvedRecords(tx: Tx, ws: string, a: { from: string | null; to: string[]; cc: string[] }) {
  const roleOf = new Map<string, string>();
  for (const x of a.cc) roleOf.set(x, 'cc');
  for (const x of a.to) roleOf.set(x, 'to');
  if (a.from) roleOf.set(a.from, 'from');
  const all = [...roleOf.keys()];
  if (!all.length) return [];
  const rows = await sql<{ object: string; id: string; keys: string[] }>`
    SELECT 'contacts' AS object, id, email_keys AS keys FROM contacts
    WHERE workspace_id = ${ws} AND deleted_at IS NULL AND email_keys && ${all}::text[]
    UNION ALL
    SELECT 'leads', id, ARRAY[lower(email)] FROM leads
    WHERE workspace_id = ${ws} AND deleted_at IS NULL AND lower(email) = ANY(${all}::text[])
    LIMIT 200`.execute(tx);
  const rank = { from: 0, to: 1, cc: 2 } as Record<string, number>;
  return rows.rows.map((r) => {
    const roles = r.keys.map((k) => roleOf.get(k)).filter((x): x is string => Boolean(x));
    roles.sort((x, y) => rank[x]! - rank[y]!);
    return { object: r.object, id: r.id, role: roles[0] ?? 'to' };
  });
}
