// Emails on a record's timeline: messages linked to the record (sent to it, received from it, BCC'd
// about it); a company's timeline also shows its contacts' mail. The timeline engine has already
// checked that the caller may read the record, and whoever may read a record may read its mail.
import { type RawBuilder, sql } from 'kysely';
import { registerTimelineSource, type TimelineItem } from '../records/timeline/sources';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

registerTimelineSource('emails', {
  kinds: ['email'],
  async fetch(ctx, target, page) {
    const linked: RawBuilder<unknown>[] = [sql`(l.object = ${target.object} AND l.record_id = ${target.id})`];
    if (target.includeRelated && target.object === 'companies') {
      linked.push(sql`(l.object = 'contacts' AND l.record_id IN (
        SELECT c.id FROM contacts c WHERE c.workspace_id = ${ctx.workspaceId} AND c.company_id = ${target.id}
          AND c.deleted_at IS NULL))`);
    }
    const before = page.before
      ? sql`AND (e.created_at, e.id) < (${page.before.at}, ${page.before.id})`
      : sql``;
    const res = await sql<Record<string, unknown>>`
      SELECT DISTINCT ON (e.created_at, e.id) e.id, e.direction, e.status, e.kind, e.from_address, e.from_name,
        e.to_addresses, e.cc_addresses, e.subject, left(e.text_body, 500) AS preview, e.created_at, e.sent_at,
        e.received_at, e.bounced_at, e.sender_user_id, u.name AS sender_name, l.object AS via_object,
        l.record_id AS via_id
      FROM email_links l
      JOIN emails e ON e.workspace_id = l.workspace_id AND e.id = l.email_id
      LEFT JOIN users u ON u.workspace_id = e.workspace_id AND u.id = e.sender_user_id
      WHERE l.workspace_id = ${ctx.workspaceId} AND (${sql.join(linked, sql` OR `)}) ${before}
      ORDER BY e.created_at DESC, e.id DESC
      LIMIT ${sql.lit(page.limit)}`.execute(ctx.db);
    return res.rows.map(
      (r): TimelineItem => ({
        id: r.id as string,
        kind: 'email',
        at: iso(r.created_at)!,
        actor: r.sender_user_id ? { id: r.sender_user_id as string, name: r.sender_name as string } : null,
        object: 'emails',
        recordId: r.id as string,
        email: {
          direction: r.direction,
          status: r.status === 'sending' ? 'queued' : r.status,
          kind: r.kind,
          from: { name: r.from_name, address: r.from_address },
          to: r.to_addresses,
          cc: r.cc_addresses,
          subject: r.subject,
          preview: ((r.preview as string | null) ?? '').replace(/\s+/g, ' ').trim(),
          sentAt: iso(r.sent_at),
          receivedAt: iso(r.received_at),
          bouncedAt: iso(r.bounced_at),
        },
        via:
          r.via_object === target.object && r.via_id === target.id
            ? null
            : { object: r.via_object, id: r.via_id },
      }),
    );
  },
});
