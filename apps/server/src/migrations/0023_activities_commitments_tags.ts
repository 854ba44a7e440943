// Activities (calls, meetings, emails, tasks, notes) linked to any records, commitments made to
// customers, tags and taggings. activity_links also holds derived links (a call on a contact is
// linked to the contact's company too), so a company's 360° timeline is one index range.
import { type Kysely, sql } from 'kysely';
import { commonIndexes, recordColumns } from './0021_companies_contacts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE activities (
      ${sql.raw(recordColumns)},
      type text NOT NULL CHECK (type IN ('call', 'meeting', 'email', 'task', 'note')),
      subject text,
      body text,
      due_at timestamptz,
      done_at timestamptz,
      outcome text,
      duration_minutes integer,
      location text,
      priority text,
      occurred_at timestamptz NOT NULL
    )`.execute(db);
  await commonIndexes(db, 'activities');
  await sql`CREATE INDEX activities_open_due_idx ON activities (workspace_id, owner_id, due_at, id) WHERE deleted_at IS NULL AND done_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX activities_due_idx ON activities (workspace_id, due_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX activities_occurred_idx ON activities (workspace_id, occurred_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX activities_type_idx ON activities (workspace_id, type, occurred_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );

  // direct = the user linked it; otherwise derived from via_object/via_id (contact → company).
  await sql`
    CREATE TABLE activity_links (
      workspace_id uuid NOT NULL,
      activity_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      direct boolean NOT NULL,
      via_object text,
      via_id uuid,
      position integer NOT NULL DEFAULT 0,
      occurred_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, activity_id, object, record_id),
      FOREIGN KEY (workspace_id, activity_id) REFERENCES activities(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX activity_links_record_idx ON activity_links (workspace_id, object, record_id, occurred_at DESC, activity_id DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX activity_links_via_idx ON activity_links (workspace_id, via_object, via_id) WHERE via_id IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE commitments (
      ${sql.raw(recordColumns)},
      company_id uuid,
      deal_id uuid,
      description text NOT NULL,
      value_amount numeric,
      value_currency char(3),
      due_at timestamptz,
      status text NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'pendingApproval', 'approved', 'rejected', 'fulfilled', 'cancelled')),
      FOREIGN KEY (workspace_id, company_id) REFERENCES companies(workspace_id, id) ON DELETE SET NULL (company_id),
      FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id) ON DELETE SET NULL (deal_id)
    )`.execute(db);
  await commonIndexes(db, 'commitments');
  await sql`CREATE INDEX commitments_company_idx ON commitments (workspace_id, company_id, updated_at, id)`.execute(
    db,
  );
  await sql`CREATE INDEX commitments_deal_idx ON commitments (workspace_id, deal_id) WHERE deal_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX commitments_status_idx ON commitments (workspace_id, status, due_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE tags (
      ${sql.raw(recordColumns)},
      name text NOT NULL,
      color text
    )`.execute(db);
  await commonIndexes(db, 'tags');
  await sql`CREATE UNIQUE INDEX tags_name_key ON tags (workspace_id, lower(name)) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX tags_name_idx ON tags (workspace_id, name, id) WHERE deleted_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE taggings (
      workspace_id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      tag_id uuid NOT NULL,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, object, record_id, tag_id),
      FOREIGN KEY (workspace_id, tag_id) REFERENCES tags(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX taggings_tag_idx ON taggings (workspace_id, tag_id, object, record_id)`.execute(db);

  // Custom objects: one generic table keyed by object; every value but the title in custom JSONB.
  await sql`
    CREATE TABLE records (
      ${sql.raw(recordColumns)},
      object text NOT NULL,
      name text NOT NULL
    )`.execute(db);
  const live = sql.raw('WHERE deleted_at IS NULL');
  await sql`CREATE INDEX records_updated_idx ON records (workspace_id, object, updated_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX records_created_idx ON records (workspace_id, object, created_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX records_owner_idx ON records (workspace_id, object, owner_id, updated_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX records_team_idx ON records (workspace_id, object, team_id, updated_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX records_name_idx ON records (workspace_id, object, name, id) ${live}`.execute(db);
  await sql`CREATE INDEX records_search_idx ON records USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX records_deleted_idx ON records (workspace_id, deleted_at, id) WHERE deleted_at IS NOT NULL`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
