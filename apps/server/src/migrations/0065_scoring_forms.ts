// Lead scoring (rules, the behaviour points each event earned, rescans after a rule changes) and
// web forms (definitions and submissions).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE scoring_rules (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      name text,
      "when" jsonb NOT NULL DEFAULT '[]',
      event text,
      points integer NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX scoring_rules_object_idx ON scoring_rules (workspace_id, object) WHERE active`.execute(
    db,
  );
  await sql`
    CREATE TABLE score_events (
      workspace_id uuid NOT NULL,
      rule_id uuid NOT NULL,
      event_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      points integer NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, rule_id, event_id, record_id),
      FOREIGN KEY (workspace_id, rule_id) REFERENCES scoring_rules(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX score_events_record_idx ON score_events (workspace_id, object, record_id)`.execute(
    db,
  );
  await sql`
    CREATE TABLE scoring_rescans (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      object text NOT NULL,
      after_cursor text,
      requested_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, object)
    )`.execute(db);

  await sql`
    CREATE TABLE forms (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      fields jsonb NOT NULL,
      create_object text NOT NULL,
      sequence_id uuid,
      owner_id uuid,
      redirect_url text,
      success_message jsonb,
      active boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  // The public endpoint names only the form id.
  await sql`CREATE UNIQUE INDEX forms_id_key ON forms (id)`.execute(db);
  await sql`
    CREATE TABLE form_submissions (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      form_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      merged boolean NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, form_id) REFERENCES forms(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX form_submissions_form_idx ON form_submissions (workspace_id, form_id, id DESC)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
