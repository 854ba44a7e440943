// Imports: one row per uploaded file with its options, mapping, progress and counts; the row errors
// it found; and every record it created or updated (with the values before), so it can be undone.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'undoing', 'undone')),
      dry_run boolean NOT NULL DEFAULT false,
      file_name text NOT NULL,
      file_path text,
      file_size bigint NOT NULL,
      file_sha256 text NOT NULL,
      format text NOT NULL,
      encoding text,
      delimiter text,
      skip_lines smallint NOT NULL DEFAULT 0,
      options jsonb NOT NULL DEFAULT '{}',
      headers jsonb NOT NULL DEFAULT '[]',
      mapping jsonb NOT NULL DEFAULT '[]',
      total_rows integer,
      processed_rows integer NOT NULL DEFAULT 0,
      last_row integer NOT NULL DEFAULT 0,
      created_count integer NOT NULL DEFAULT 0,
      updated_count integer NOT NULL DEFAULT 0,
      skipped_count integer NOT NULL DEFAULT 0,
      failed_count integer NOT NULL DEFAULT 0,
      error text,
      preview jsonb NOT NULL DEFAULT '[]',
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      undone_at timestamptz,
      undone_by uuid,
      undo_summary jsonb,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, created_by) REFERENCES users(workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX imports_recent_idx ON imports (workspace_id, created_at DESC, id DESC)`.execute(db);
  // A job picks up imports left queued or running by a stopped process.
  await sql`CREATE INDEX imports_open_idx ON imports (status) WHERE status IN ('queued', 'running', 'undoing')`.execute(
    db,
  );

  await sql`
    CREATE TABLE import_errors (
      workspace_id uuid NOT NULL,
      import_id uuid NOT NULL,
      row integer NOT NULL,
      seq smallint NOT NULL,
      column_name text,
      field text,
      message text NOT NULL,
      PRIMARY KEY (workspace_id, import_id, row, seq),
      FOREIGN KEY (workspace_id, import_id) REFERENCES imports(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);

  await sql`
    CREATE TABLE import_changes (
      workspace_id uuid NOT NULL,
      import_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      action text NOT NULL CHECK (action IN ('created', 'updated')),
      row integer NOT NULL,
      before jsonb,
      after jsonb NOT NULL DEFAULT '{}',
      seq bigserial NOT NULL,
      undone_at timestamptz,
      PRIMARY KEY (workspace_id, import_id, object, record_id),
      FOREIGN KEY (workspace_id, import_id) REFERENCES imports(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  // Undo walks the changes newest first in pages.
  await sql`CREATE INDEX import_changes_seq_idx ON import_changes (workspace_id, import_id, seq)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
