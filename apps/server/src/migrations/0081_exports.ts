// Workspace archives: one row per requested export, with its state and the zip it produced.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE exports (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      file_path text,
      file_size bigint,
      counts jsonb NOT NULL DEFAULT '{}',
      error text,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, created_by) REFERENCES users(workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX exports_recent_idx ON exports (workspace_id, created_at DESC, id DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
