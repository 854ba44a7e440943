// Workflows: rules (trigger + actions), their runs (one per trigger occurrence, UNIQUE per workflow
// and trigger key, with each action's outcome) and the counters round-robin assignment turns.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workflows (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      description text,
      active boolean NOT NULL DEFAULT true,
      event text NOT NULL,
      object text,
      trigger jsonb NOT NULL,
      actions jsonb NOT NULL,
      owner_id uuid,
      version integer NOT NULL DEFAULT 1,
      next_fire_at timestamptz,
      scanned_through date,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      archived_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  // The dispatcher looks workflows up by the event it is holding.
  await sql`CREATE INDEX workflows_trigger_idx ON workflows (workspace_id, event, object)
    WHERE active AND archived_at IS NULL`.execute(db);
  await sql`CREATE INDEX workflows_schedule_idx ON workflows (next_fire_at)
    WHERE active AND archived_at IS NULL AND next_fire_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX workflows_dates_idx ON workflows (event)
    WHERE active AND archived_at IS NULL AND event = 'date.reached'`.execute(db);

  await sql`
    CREATE TABLE workflow_runs (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      workflow_id uuid NOT NULL,
      workflow_version integer NOT NULL,
      trigger_key text NOT NULL,
      event_id uuid,
      event_type text NOT NULL,
      object text,
      record_id uuid,
      status text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
      reason text,
      actions jsonb NOT NULL,
      outcomes jsonb NOT NULL DEFAULT '[]',
      current_action integer NOT NULL DEFAULT 0,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      claimed_until timestamptz,
      depth integer NOT NULL DEFAULT 0,
      trigger_data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, workflow_id, trigger_key),
      FOREIGN KEY (workspace_id, workflow_id) REFERENCES workflows(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX workflow_runs_list_idx ON workflow_runs (workspace_id, workflow_id, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX workflow_runs_due_idx ON workflow_runs (next_attempt_at)
    WHERE status IN ('pending', 'running')`.execute(db);
  // Loop protection counts a workflow's recent runs on one record.
  await sql`CREATE INDEX workflow_runs_record_idx ON workflow_runs (workspace_id, workflow_id, record_id, created_at)`.execute(
    db,
  );

  await sql`
    CREATE TABLE workflow_counters (
      workspace_id uuid NOT NULL,
      workflow_id uuid NOT NULL,
      action_index integer NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (workspace_id, workflow_id, action_index),
      FOREIGN KEY (workspace_id, workflow_id) REFERENCES workflows(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
