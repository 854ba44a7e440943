// Duplicates and merges: a trigram index on contact and lead names (similar names at one company,
// the create-form warning), the merges made (with what each moved, so it can be undone) and the
// pointer from every merged-away record to the record it was merged into.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX contacts_name_trgm_idx ON contacts USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX leads_name_trgm_idx ON leads USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`
    CREATE TABLE record_merges (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      winner_id uuid NOT NULL,
      loser_ids uuid[] NOT NULL,
      winner_before jsonb NOT NULL DEFAULT '{}',
      winner_after jsonb NOT NULL DEFAULT '{}',
      moved jsonb NOT NULL DEFAULT '[]',
      created_by uuid,
      created_at timestamptz NOT NULL,
      undone_at timestamptz,
      undone_by uuid,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX record_merges_winner_idx ON record_merges (workspace_id, object, winner_id, created_at DESC)`.execute(
    db,
  );
  await sql`
    CREATE TABLE merged_records (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      object text NOT NULL,
      loser_id uuid NOT NULL,
      winner_id uuid NOT NULL,
      merge_id uuid NOT NULL,
      PRIMARY KEY (workspace_id, object, loser_id),
      FOREIGN KEY (workspace_id, merge_id) REFERENCES record_merges(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
