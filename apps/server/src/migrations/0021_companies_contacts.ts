// Companies and contacts: typed columns for the standard fields, the columns every record has
// (ownership, version, soft delete, custom JSONB, search key) and the indexes of the list shapes
// the engine ships. Every index serving a query starts with workspace_id.
import { type Kysely, sql } from 'kysely';

// Frozen copy (migrations never change): the columns and keys every record table carries.
export const recordColumns = `
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  id uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  owner_id uuid,
  team_id uuid,
  unit_id uuid,
  custom jsonb NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  updated_by uuid,
  deleted_at timestamptz,
  deleted_by uuid,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES users(workspace_id, id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES teams(workspace_id, id),
  FOREIGN KEY (workspace_id, unit_id) REFERENCES business_units(workspace_id, id)`;

export const rollupColumns = `
  last_activity_at timestamptz,
  last_activity_type text,
  next_task_at timestamptz,
  next_task_id uuid`;

/** The indexes every record table gets: default sorts, owner/team scope, search, recycle bin. */
export async function commonIndexes(db: Kysely<unknown>, table: string): Promise<void> {
  const t = sql.table(table);
  const n = (s: string) => sql.raw(`${table}_${s}`);
  const live = sql.raw('WHERE deleted_at IS NULL');
  await sql`CREATE INDEX ${n('updated_idx')} ON ${t} (workspace_id, updated_at, id) ${live}`.execute(db);
  await sql`CREATE INDEX ${n('created_idx')} ON ${t} (workspace_id, created_at, id) ${live}`.execute(db);
  await sql`CREATE INDEX ${n('owner_idx')} ON ${t} (workspace_id, owner_id, updated_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX ${n('team_idx')} ON ${t} (workspace_id, team_id, updated_at, id) ${live}`.execute(
    db,
  );
  await sql`CREATE INDEX ${n('unit_idx')} ON ${t} (workspace_id, unit_id) ${live}`.execute(db);
  await sql`CREATE INDEX ${n('search_idx')} ON ${t} USING gin (search_text gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX ${n('deleted_idx')} ON ${t} (workspace_id, deleted_at, id) WHERE deleted_at IS NOT NULL`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE companies (
      ${sql.raw(recordColumns)},
      name text NOT NULL,
      domain text,
      industry text,
      employees integer,
      annual_revenue numeric,
      annual_revenue_currency char(3),
      phone text,
      address text,
      city text,
      country text,
      description text,
      parent_company_id uuid,
      ${sql.raw(rollupColumns)},
      open_deal_value jsonb NOT NULL DEFAULT '[]',
      open_deal_count integer NOT NULL DEFAULT 0,
      FOREIGN KEY (workspace_id, parent_company_id) REFERENCES companies(workspace_id, id)
        ON DELETE SET NULL (parent_company_id)
    )`.execute(db);
  await commonIndexes(db, 'companies');
  await sql`CREATE INDEX companies_name_idx ON companies (workspace_id, name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX companies_name_trgm_idx ON companies USING gin (name gin_trgm_ops) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX companies_domain_idx ON companies (workspace_id, lower(domain)) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX companies_parent_idx ON companies (workspace_id, parent_company_id) WHERE parent_company_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX companies_last_activity_idx ON companies (workspace_id, last_activity_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE contacts (
      ${sql.raw(recordColumns)},
      first_name text,
      last_name text,
      name text NOT NULL DEFAULT '',
      email text,
      phone text,
      emails text[] NOT NULL DEFAULT '{}',
      phones text[] NOT NULL DEFAULT '{}',
      email_keys text[] NOT NULL DEFAULT '{}',
      phone_keys text[] NOT NULL DEFAULT '{}',
      title text,
      department text,
      company_id uuid,
      social_profiles jsonb NOT NULL DEFAULT '[]',
      birthday date,
      address text,
      city text,
      country text,
      description text,
      ${sql.raw(rollupColumns)},
      open_deal_value jsonb NOT NULL DEFAULT '[]',
      open_deal_count integer NOT NULL DEFAULT 0,
      FOREIGN KEY (workspace_id, company_id) REFERENCES companies(workspace_id, id) ON DELETE SET NULL (company_id)
    )`.execute(db);
  await commonIndexes(db, 'contacts');
  await sql`CREATE INDEX contacts_company_idx ON contacts (workspace_id, company_id, updated_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  // Foreign keys used by purge (SET NULL) need an index over every row, deleted or not.
  await sql`CREATE INDEX contacts_company_fk_idx ON contacts (workspace_id, company_id) WHERE company_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_name_idx ON contacts (workspace_id, name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_last_name_idx ON contacts (workspace_id, last_name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_email_idx ON contacts (workspace_id, lower(email)) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_email_keys_idx ON contacts USING gin (email_keys) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_phone_keys_idx ON contacts USING gin (phone_keys) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contacts_last_activity_idx ON contacts (workspace_id, last_activity_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
