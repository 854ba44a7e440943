// Nurture sequences: the cadence (steps with delays), enrolments (one live enrolment per record and
// sequence, with its next step and when) and the log of steps done — UNIQUE per enrolment and step,
// the key that keeps a restarted or doubled worker from repeating a step.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sequences (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      description text,
      active boolean NOT NULL DEFAULT true,
      steps jsonb NOT NULL,
      stop_on text[] NOT NULL DEFAULT '{reply,converted,unsubscribed}',
      business_hours jsonb,
      template_key text,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      archived_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);

  await sql`
    CREATE TABLE sequence_enrollments (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      sequence_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'paused', 'completed', 'stopped')),
      stop_reason text,
      next_step integer NOT NULL DEFAULT 0,
      next_run_at timestamptz,
      step_attempts integer NOT NULL DEFAULT 0,
      last_error text,
      owner_id uuid,
      enrolled_by uuid,
      source text NOT NULL DEFAULT 'api',
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      paused_at timestamptz,
      completed_at timestamptz,
      stopped_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, sequence_id) REFERENCES sequences(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX sequence_enrollments_live_key ON sequence_enrollments
    (workspace_id, sequence_id, object, record_id) WHERE status IN ('active', 'paused')`.execute(db);
  await sql`CREATE INDEX sequence_enrollments_due_idx ON sequence_enrollments (next_run_at) WHERE status = 'active'`.execute(
    db,
  );
  await sql`CREATE INDEX sequence_enrollments_record_idx ON sequence_enrollments (workspace_id, object, record_id)
    WHERE status IN ('active', 'paused')`.execute(db);
  await sql`CREATE INDEX sequence_enrollments_list_idx ON sequence_enrollments (workspace_id, sequence_id, id DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE sequence_step_runs (
      workspace_id uuid NOT NULL,
      enrollment_id uuid NOT NULL,
      step_index integer NOT NULL,
      type text NOT NULL,
      status text NOT NULL CHECK (status IN ('done', 'skipped')),
      result jsonb NOT NULL DEFAULT '{}',
      ran_at timestamptz NOT NULL,
      worker text,
      PRIMARY KEY (workspace_id, enrollment_id, step_index),
      FOREIGN KEY (workspace_id, enrollment_id) REFERENCES sequence_enrollments(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
