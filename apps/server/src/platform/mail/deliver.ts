// Sends what the outbox holds. A worker claims due messages (status 'sending' with a short lease,
// FOR UPDATE SKIP LOCKED so several workers share the work), sends each outside any transaction and
// records the outcome: sent, retried with backoff, or failed with the server's answer. A worker that
// dies mid-send leaves a lease that runs out, and the message is tried again (at least once).
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { clock } from '../clock';
import type { Db } from '../db/schema';
import { emailRetry, nextAttemptAt } from '../dispatch/backoff';
import type { MailSettings } from './settings';
import './schema';

const LEASE_MS = 2 * 60_000;

type Transport = ReturnType<typeof nodemailer.createTransport>;
const transports = new Map<string, Transport>();

function transportFor(url: string): Transport {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport({
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as never);
    transports.set(url, t);
  }
  return t;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

export async function deliverDueEmails(db: Db, settings: MailSettings, limit = 20): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  if (!settings.smtpUrl) return report;
  const now = clock.now();
  const claimed = await sql<ClaimedEmail>`
    UPDATE emails e SET status = 'sending', attempts = e.attempts + 1,
      claimed_until = ${new Date(now.getTime() + LEASE_MS)}, updated_at = ${now}
    WHERE (e.workspace_id, e.id) IN (
      SELECT workspace_id, id FROM emails
      WHERE status IN ('queued', 'sending') AND next_attempt_at <= ${now}
        AND (status = 'queued' OR claimed_until < ${now})
      ORDER BY next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING e.workspace_id, e.id, e.from_address, e.from_name, e.reply_to, e.to_addresses, e.cc_addresses,
      e.subject, e.text_body, e.html_body, e.message_id, e.in_reply_to, e.thread_refs, e.headers, e.attempts`.execute(
    db,
  );
  const transport = transportFor(settings.smtpUrl);
  for (const e of claimed.rows) {
    try {
      await transport.sendMail({
        from: { name: e.from_name ?? '', address: e.from_address },
        replyTo: e.reply_to ?? undefined,
        to: e.to_addresses,
        cc: e.cc_addresses.length ? e.cc_addresses : undefined,
        subject: e.subject,
        text: e.text_body ?? '',
        html: e.html_body ?? undefined,
        messageId: e.message_id ?? undefined,
        inReplyTo: e.in_reply_to ?? undefined,
        references: e.thread_refs.length ? e.thread_refs : undefined,
        headers: e.headers,
      });
      await db
        .updateTable('emails')
        .set({
          status: 'sent',
          sent_at: clock.now(),
          claimed_until: null,
          last_error: null,
          note: null,
          updated_at: clock.now(),
        })
        .where('workspace_id', '=', e.workspace_id)
        .where('id', '=', e.id)
        .execute();
      report.sent++;
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx is the server's final word (no such mailbox, refused); anything else may pass later.
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      const retryAt = permanent ? null : nextAttemptAt(emailRetry, e.attempts, clock.now());
      const message = describeSmtpError(err);
      await db
        .updateTable('emails')
        .set({
          status: retryAt ? 'queued' : 'failed',
          next_attempt_at: retryAt,
          claimed_until: null,
          last_error: message,
          note: retryAt ? `Attempt ${e.attempts} failed; trying again at ${retryAt.toISOString()}` : null,
          updated_at: clock.now(),
        })
        .where('workspace_id', '=', e.workspace_id)
        .where('id', '=', e.id)
        .execute();
      if (retryAt) report.retried++;
      else report.failed++;
    }
  }
  return report;
}

function describeSmtpError(err: unknown): string {
  const e = err as { response?: string; message?: string; code?: string };
  return (e.response ?? e.message ?? String(err)).slice(0, 1000) + (e.code ? ` (${e.code})` : '');
}

interface ClaimedEmail {
  workspace_id: string;
  id: string;
  from_address: string;
  from_name: string | null;
  reply_to: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string | null;
  html_body: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  thread_refs: string[];
  headers: Record<string, string>;
  attempts: number;
}
