// The record engine's own tables: custom object and field definitions, the per-field change
// history (who, when, field, old → new) and saved list views. Business tables follow in 0021–0024.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Custom numeric fields live in JSONB; comparing them needs a cast that never raises, because a
  // plan may evaluate the expression on rows of another workspace whose field of the same name holds
  // text. IMMUTABLE and SQL (inlined), so expression indexes match the compiler's expressions.
  await sql`
    CREATE FUNCTION rapport_num(v text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS $$ SELECT CASE WHEN v ~ '^-?[0-9]{1,30}(\\.[0-9]{1,20})?$' THEN v::numeric END $$`.execute(db);

  await sql`
    CREATE TABLE object_definitions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      labels jsonb NOT NULL,
      plural_labels jsonb NOT NULL,
      description jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz,
      PRIMARY KEY (workspace_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE field_definitions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      labels jsonb NOT NULL,
      options jsonb,
      required boolean NOT NULL DEFAULT false,
      is_unique boolean NOT NULL DEFAULT false,
      indexed boolean NOT NULL DEFAULT false,
      searchable boolean NOT NULL DEFAULT false,
      relation_object text,
      description jsonb,
      position integer NOT NULL DEFAULT 0,
      index_name text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, object, name)
    )`.execute(db);

  // One row per changed field (kind 'updated'), or one row for created/deleted/restored/converted.
  // company_id is the company the record belonged to at the time: a company's 360° timeline reads
  // one index range instead of joining every contact and deal it has.
  await sql`
    CREATE TABLE record_history (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      company_id uuid,
      change_id uuid NOT NULL,
      kind text NOT NULL,
      field text,
      old_value jsonb,
      new_value jsonb,
      actor_id uuid,
      at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX record_history_record_idx ON record_history (workspace_id, object, record_id, at DESC, id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX record_history_company_idx ON record_history (workspace_id, company_id, at DESC, id DESC) WHERE company_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE saved_views (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      name text NOT NULL,
      labels jsonb,
      owner_id uuid,
      shared boolean NOT NULL DEFAULT false,
      filters jsonb NOT NULL DEFAULT '[]',
      sort jsonb NOT NULL DEFAULT '[]',
      columns jsonb NOT NULL DEFAULT '[]',
      builtin_key text,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, owner_id) REFERENCES users(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX saved_views_object_idx ON saved_views (workspace_id, object, position)`.execute(db);
  await sql`CREATE UNIQUE INDEX saved_views_builtin_key ON saved_views (workspace_id, builtin_key) WHERE builtin_key IS NOT NULL`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
