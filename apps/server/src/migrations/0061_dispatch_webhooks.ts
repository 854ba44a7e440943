// Handler failures of the dispatcher, and webhooks: subscriptions and their delivery log.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A handler that threw on an event: kept (and logged) so the failure is visible, never silent.
  // Successful handling needs no ledger: claiming, handling and marking the event processed commit in
  // one transaction, and each handler's effect carries its own UNIQUE key on the event id.
  await sql`
    CREATE TABLE event_handler_errors (
      workspace_id uuid NOT NULL,
      event_id uuid NOT NULL,
      handler text NOT NULL,
      error text NOT NULL,
      failed_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, event_id, handler),
      FOREIGN KEY (workspace_id, event_id) REFERENCES outbox_events(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX event_handler_errors_recent_idx ON event_handler_errors (workspace_id, failed_at DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE webhooks (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      url text NOT NULL,
      description text,
      events text[] NOT NULL,
      objects text[],
      secret text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      consecutive_failures integer NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      disabled_reason text,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);

  await sql`
    CREATE TABLE webhook_deliveries (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      webhook_id uuid NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      claimed_until timestamptz,
      response_status integer,
      response_body text,
      last_error text,
      duration_ms integer,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, webhook_id, event_id),
      FOREIGN KEY (workspace_id, webhook_id) REFERENCES webhooks(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (workspace_id, webhook_id, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE status IN ('pending', 'sending')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
