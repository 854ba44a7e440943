// Page layouts: the record page's sections for one object of one workspace, as the admin arranged
// them in Settings → Page layouts. Keyed by (workspace_id, object) because standard objects have
// no object_definitions row. `sections` is `[{label: {en, zh-CN}, fields: [name…]}]`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE page_layouts (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      object text NOT NULL,
      sections jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (workspace_id, object)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
