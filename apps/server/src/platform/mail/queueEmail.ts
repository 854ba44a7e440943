// Puts one outgoing message in the outbox (the emails table): merge fields rendered, the sender's
// signature added, marketing mail given its unsubscribe link. Sending happens later (deliver.ts), so
// a caller inside a transaction only writes rows; a producer's idempotency key makes a retried step
// find its earlier message instead of mailing twice.
import { clock } from '../clock';
import type { Executor } from '../db/schema';
import { newId } from '../ids';
import { htmlToText, type MergeContext, renderTemplate, textToHtml } from './mergeFields';
import { type MailSettings, NO_SMTP_NOTE } from './settings';
import { suppressedAmong, unsubscribeToken, unsubscribeUrl } from './unsubscribe';
import './schema';

export interface EmailTemplateInput {
  subject: string;
  body: string;
  format?: 'text' | 'html';
}

export interface QueueEmailInput {
  workspaceId: string;
  to: string[];
  cc?: string[];
  template: EmailTemplateInput;
  context?: MergeContext;
  /** The user the message is from: their name on From, their address as Reply-To, their signature. */
  senderUserId?: string | null;
  createdBy?: string | null;
  related?: { object: string; id: string; role?: string }[];
  source: 'manual' | 'workflow' | 'sequence' | 'approval' | 'system';
  /** Marketing mail carries an unsubscribe link and is never sent to a suppressed address. */
  marketing?: boolean;
  idempotencyKey?: string;
  /** Automated notices say so (RFC 3834), so auto-responders do not answer them. */
  automated?: boolean;
}

export type QueueEmailResult =
  | { queued: true; id: string; duplicate: boolean }
  | { queued: false; reason: 'suppressed' | 'noRecipient'; addresses: string[] };

const SIG_SEPARATOR = '-- ';

export async function queueEmail(
  db: Executor,
  settings: MailSettings,
  input: QueueEmailInput,
): Promise<QueueEmailResult> {
  if (input.idempotencyKey) {
    const existing = await db
      .selectFrom('emails')
      .where('workspace_id', '=', input.workspaceId)
      .where('idempotency_key', '=', input.idempotencyKey)
      .select('id')
      .executeTakeFirst();
    if (existing) return { queued: true, id: existing.id, duplicate: true };
  }
  let to = uniqueAddresses(input.to);
  const cc = uniqueAddresses(input.cc ?? []).filter((a) => !to.includes(a));
  if (input.marketing) {
    const blocked = await suppressedAmong(db, input.workspaceId, [...to, ...cc]);
    if (blocked.size) {
      to = to.filter((a) => !blocked.has(a));
      if (!to.length) return { queued: false, reason: 'suppressed', addresses: [...blocked] };
    }
  }
  if (!to.length) return { queued: false, reason: 'noRecipient', addresses: [] };

  const sender = input.senderUserId
    ? await db
        .selectFrom('users')
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', input.senderUserId)
        .select(['id', 'name', 'email', 'signature'])
        .executeTakeFirst()
    : undefined;
  const ctx: MergeContext = { ...input.context };
  if (sender) ctx.sender = { name: sender.name, email: sender.email, firstName: firstName(sender.name) };
  const headers: Record<string, string> = {};
  let unsubscribe: string | null = null;
  if (input.marketing) {
    unsubscribe = unsubscribeUrl(settings.publicUrl, await unsubscribeToken(db, input.workspaceId, to[0]!));
    ctx.unsubscribeUrl = unsubscribe;
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  if (input.automated) headers['Auto-Submitted'] = 'auto-generated';

  const subject = renderTemplate(input.template.subject, ctx, { html: false })
    .replace(/[\r\n]+/g, ' ')
    .trim();
  let html: string;
  let text: string;
  if (input.template.format === 'html') {
    html = renderTemplate(input.template.body, ctx, { html: true });
    text = htmlToText(html);
  } else {
    text = renderTemplate(input.template.body, ctx, { html: false });
    html = textToHtml(text);
  }
  if (sender?.signature?.trim()) {
    text += `\n\n${SIG_SEPARATOR}\n${sender.signature.trim()}`;
    html += `\n<p>${SIG_SEPARATOR}<br>${textToHtml(sender.signature.trim()).replace(/^<p>|<\/p>$/g, '')}</p>`;
  }
  if (unsubscribe && !text.includes(unsubscribe)) {
    text += `\n\nUnsubscribe · 退订: ${unsubscribe}`;
    html += `\n<p style="font-size:12px;color:#888"><a href="${unsubscribe}">Unsubscribe · 退订</a></p>`;
  }

  const id = newId();
  const now = clock.now();
  const inserted = await db
    .insertInto('emails')
    .values({
      workspace_id: input.workspaceId,
      id,
      direction: 'out',
      status: 'queued',
      from_address: settings.fromAddress,
      from_name: sender?.name ?? settings.fromName,
      reply_to: sender?.email ?? null,
      to_addresses: to,
      cc_addresses: cc,
      subject,
      text_body: text,
      html_body: html,
      message_id: `<${id}@${settings.messageIdDomain}>`,
      in_reply_to: null,
      sender_user_id: sender?.id ?? null,
      created_by: input.createdBy ?? null,
      source: input.source,
      marketing: Boolean(input.marketing),
      next_attempt_at: now,
      claimed_until: null,
      last_error: null,
      note: settings.smtpUrl ? null : NO_SMTP_NOTE,
      sent_at: null,
      received_at: null,
      bounced_at: null,
      bounce_reason: null,
      idempotency_key: input.idempotencyKey ?? null,
      headers: JSON.stringify(headers),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // Another worker queued the same keyed message between our check and our insert.
    const existing = await db
      .selectFrom('emails')
      .where('workspace_id', '=', input.workspaceId)
      .where('idempotency_key', '=', input.idempotencyKey!)
      .select('id')
      .executeTakeFirstOrThrow();
    return { queued: true, id: existing.id, duplicate: true };
  }
  const links = dedupeLinks(input.related ?? []);
  if (links.length) {
    await db
      .insertInto('email_links')
      .values(links.map((l) => ({ workspace_id: input.workspaceId, email_id: id, ...l })))
      .execute();
  }
  return { queued: true, id, duplicate: false };
}

function uniqueAddresses(list: string[]): string[] {
  return [...new Set(list.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')))];
}

function dedupeLinks(list: { object: string; id: string; role?: string }[]) {
  const seen = new Map<string, { object: string; record_id: string; role: string }>();
  for (const l of list) {
    const key = `${l.object}:${l.id}`;
    if (!seen.has(key)) seen.set(key, { object: l.object, record_id: l.id, role: l.role ?? 'related' });
  }
  return [...seen.values()];
}

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
