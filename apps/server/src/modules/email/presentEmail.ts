// The API shape of a message. 'sending' is an internal lease and reads as queued.
import type { Selectable } from 'kysely';
import type { EmailsTable } from '../../platform/mail/schema';

type Row = Selectable<EmailsTable>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentEmail(
  row: Row,
  links: { object: string; record_id: string; role: string }[],
  full: boolean,
) {
  const base = {
    id: row.id,
    direction: row.direction,
    status: row.status === 'sending' ? 'queued' : row.status,
    kind: row.kind,
    from: { name: row.from_name, address: row.from_address },
    replyTo: row.reply_to,
    to: row.to_addresses,
    cc: row.cc_addresses,
    subject: row.subject,
    source: row.source,
    marketing: row.marketing,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' || row.status === 'sending' ? iso(row.next_attempt_at) : null,
    lastError: row.last_error,
    note: row.note,
    sentAt: iso(row.sent_at),
    receivedAt: iso(row.received_at),
    bouncedAt: iso(row.bounced_at),
    bounceReason: row.bounce_reason,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    senderUserId: row.sender_user_id,
    related: links.map((l) => ({ object: l.object, id: l.record_id, role: l.role })),
    createdAt: iso(row.created_at),
  };
  if (!full) return { ...base, preview: (row.text_body ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) };
  return { ...base, text: row.text_body, html: row.html_body, headers: row.headers };
}
