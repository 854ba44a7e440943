// Approvals: processes (object, entry criteria, steps), requests (one pending per record, a
// snapshot of what was submitted) and one decision row per step reached, naming its approvers.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE approval_processes (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      object text NOT NULL,
      entry_criteria jsonb NOT NULL DEFAULT '[]',
      steps jsonb NOT NULL,
      locked_fields text[],
      active boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      archived_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX approval_processes_object_idx ON approval_processes (workspace_id, object)
    WHERE active AND archived_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE approval_requests (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      process_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
      current_step integer NOT NULL DEFAULT 0,
      submitted_by uuid,
      comment text,
      snapshot jsonb NOT NULL,
      locked_fields text[],
      created_at timestamptz NOT NULL,
      decided_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, process_id) REFERENCES approval_processes(workspace_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX approval_requests_pending_key ON approval_requests (workspace_id, object, record_id)
    WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX approval_requests_record_idx ON approval_requests (workspace_id, object, record_id, created_at DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE approval_decisions (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      request_id uuid NOT NULL,
      step_index integer NOT NULL,
      approver_ids uuid[] NOT NULL,
      decision text CHECK (decision IN ('approved', 'rejected')),
      comment text,
      decided_by uuid,
      decided_at timestamptz,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, request_id, step_index),
      FOREIGN KEY (workspace_id, request_id) REFERENCES approval_requests(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  // The approvals inbox: open decisions naming me.
  await sql`CREATE INDEX approval_decisions_open_idx ON approval_decisions USING gin (approver_ids)
    WHERE decision IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
