// Email in and out: the emails table is both the outbox (queued → sent | failed, with attempts and
// the next attempt) and the log of received mail; links tie a message to the records it involves
// (the timeline reads them); suppressions hold unsubscribed and bounced addresses.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE emails (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      -- 'sending' is a short-lived claim by one worker; the API shows it as queued.
      status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'received')),
      kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'reply', 'bounce', 'autoReply')),
      from_address text NOT NULL,
      from_name text,
      reply_to text,
      to_addresses text[] NOT NULL DEFAULT '{}',
      cc_addresses text[] NOT NULL DEFAULT '{}',
      subject text NOT NULL DEFAULT '',
      text_body text,
      html_body text,
      message_id text,
      in_reply_to text,
      thread_refs text[] NOT NULL DEFAULT '{}',
      sender_user_id uuid,
      created_by uuid,
      source text NOT NULL DEFAULT 'manual',
      marketing boolean NOT NULL DEFAULT false,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      claimed_until timestamptz,
      last_error text,
      note text,
      sent_at timestamptz,
      received_at timestamptz,
      bounced_at timestamptz,
      bounce_reason text,
      idempotency_key text,
      headers jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  // Producers key their messages (a sequence step, a workflow action): retried work never mails twice.
  await sql`CREATE UNIQUE INDEX emails_idempotency_key ON emails (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL`.execute(db);
  // The outbox list, newest first (ids are time-ordered), with and without a status filter.
  await sql`CREATE INDEX emails_list_idx ON emails (workspace_id, direction, id DESC)`.execute(db);
  await sql`CREATE INDEX emails_status_idx ON emails (workspace_id, direction, status, id DESC)`.execute(db);
  // The sender's work list spans workspaces and stays small: only rows still waiting.
  await sql`CREATE INDEX emails_due_idx ON emails (next_attempt_at) WHERE status IN ('queued', 'sending')`.execute(
    db,
  );
  // Replies and bounces name the Message-ID we generated.
  await sql`CREATE INDEX emails_message_id_idx ON emails (message_id) WHERE message_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE email_links (
      workspace_id uuid NOT NULL,
      email_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      role text NOT NULL DEFAULT 'related',
      PRIMARY KEY (workspace_id, email_id, object, record_id),
      FOREIGN KEY (workspace_id, email_id) REFERENCES emails(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX email_links_record_idx ON email_links (workspace_id, object, record_id, email_id DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE email_suppressions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      address text NOT NULL CHECK (address = lower(address)),
      reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced')),
      email_id uuid,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, address)
    )`.execute(db);

  await sql`
    CREATE TABLE email_templates (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      format text NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'html')),
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX email_templates_name_key ON email_templates (workspace_id, lower(name))`.execute(
    db,
  );

  // Per-workspace secrets of the process engine (unsubscribe tokens), made on first use.
  await sql`
    CREATE TABLE process_secrets (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      purpose text NOT NULL,
      secret text NOT NULL,
      PRIMARY KEY (workspace_id, purpose)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
