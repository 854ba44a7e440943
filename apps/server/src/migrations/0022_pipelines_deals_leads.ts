// Pipelines with ordered stages, deals (amount as NUMERIC + currency, stage kept consistent with its
// pipeline by a composite foreign key), their contacts, the stage history (entered/left per stage,
// so "the pipeline on the 1st of the month" never replays events), and leads.
import { type Kysely, sql } from 'kysely';
import { commonIndexes, recordColumns, rollupColumns } from './0021_companies_contacts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pipelines (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      labels jsonb NOT NULL DEFAULT '{}',
      currency char(3),
      is_default boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX pipelines_default_key ON pipelines (workspace_id) WHERE is_default`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX pipelines_name_key ON pipelines (workspace_id, lower(name)) WHERE archived_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE pipeline_stages (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      pipeline_id uuid NOT NULL,
      name text NOT NULL,
      labels jsonb NOT NULL DEFAULT '{}',
      position integer NOT NULL,
      probability smallint NOT NULL CHECK (probability BETWEEN 0 AND 100),
      kind text NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
      created_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, pipeline_id, id),
      FOREIGN KEY (workspace_id, pipeline_id) REFERENCES pipelines(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX pipeline_stages_pipeline_idx ON pipeline_stages (workspace_id, pipeline_id, position)`.execute(
    db,
  );

  await sql`
    CREATE TABLE deals (
      ${sql.raw(recordColumns)},
      name text NOT NULL,
      amount numeric,
      currency char(3),
      pipeline_id uuid NOT NULL,
      stage_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
      probability smallint CHECK (probability BETWEEN 0 AND 100),
      close_date date,
      closed_at timestamptz,
      stage_entered_at timestamptz NOT NULL DEFAULT now(),
      lost_reason text,
      source text,
      description text,
      company_id uuid,
      ${sql.raw(rollupColumns)},
      FOREIGN KEY (workspace_id, pipeline_id, stage_id) REFERENCES pipeline_stages(workspace_id, pipeline_id, id),
      FOREIGN KEY (workspace_id, company_id) REFERENCES companies(workspace_id, id) ON DELETE SET NULL (company_id)
    )`.execute(db);
  await commonIndexes(db, 'deals');
  await sql`CREATE INDEX deals_company_idx ON deals (workspace_id, company_id, updated_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_company_fk_idx ON deals (workspace_id, company_id) WHERE company_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_stage_idx ON deals (workspace_id, stage_id, updated_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_pipeline_idx ON deals (workspace_id, pipeline_id, stage_id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_close_date_idx ON deals (workspace_id, close_date, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_owner_status_idx ON deals (workspace_id, owner_id, status, close_date, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_amount_idx ON deals (workspace_id, amount, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX deals_name_idx ON deals (workspace_id, name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE deal_contacts (
      workspace_id uuid NOT NULL,
      deal_id uuid NOT NULL,
      contact_id uuid NOT NULL,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, deal_id, contact_id),
      FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id) ON DELETE CASCADE,
      FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX deal_contacts_contact_idx ON deal_contacts (workspace_id, contact_id)`.execute(db);

  // Stage rows keep their id when a stage is archived, so history never points at nothing.
  await sql`
    CREATE TABLE deal_stage_history (
      workspace_id uuid NOT NULL,
      id uuid NOT NULL,
      deal_id uuid NOT NULL,
      pipeline_id uuid NOT NULL,
      stage_id uuid NOT NULL,
      entered_at timestamptz NOT NULL,
      left_at timestamptz,
      entered_by uuid,
      amount numeric,
      currency char(3),
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, deal_id) REFERENCES deals(workspace_id, id) ON DELETE CASCADE,
      FOREIGN KEY (workspace_id, stage_id) REFERENCES pipeline_stages(workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX deal_stage_history_deal_idx ON deal_stage_history (workspace_id, deal_id, entered_at)`.execute(
    db,
  );
  await sql`CREATE INDEX deal_stage_history_stage_idx ON deal_stage_history (workspace_id, stage_id, entered_at)`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX deal_stage_history_open_key ON deal_stage_history (workspace_id, deal_id) WHERE left_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE leads (
      ${sql.raw(recordColumns)},
      first_name text,
      last_name text,
      name text NOT NULL DEFAULT '',
      company_name text,
      title text,
      email text,
      phone text,
      website text,
      source text,
      status text NOT NULL DEFAULT 'new',
      score integer NOT NULL DEFAULT 0,
      description text,
      converted_at timestamptz,
      converted_contact_id uuid,
      converted_company_id uuid,
      converted_deal_id uuid,
      ${sql.raw(rollupColumns)},
      FOREIGN KEY (workspace_id, converted_contact_id) REFERENCES contacts(workspace_id, id) ON DELETE SET NULL (converted_contact_id),
      FOREIGN KEY (workspace_id, converted_company_id) REFERENCES companies(workspace_id, id) ON DELETE SET NULL (converted_company_id),
      FOREIGN KEY (workspace_id, converted_deal_id) REFERENCES deals(workspace_id, id) ON DELETE SET NULL (converted_deal_id)
    )`.execute(db);
  await commonIndexes(db, 'leads');
  await sql`CREATE INDEX leads_status_idx ON leads (workspace_id, status, updated_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX leads_email_idx ON leads (workspace_id, lower(email)) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX leads_score_idx ON leads (workspace_id, score, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX leads_name_idx ON leads (workspace_id, name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  for (const col of ['converted_contact_id', 'converted_company_id', 'converted_deal_id']) {
    await sql`CREATE INDEX ${sql.raw(`leads_${col}_idx`)} ON leads (workspace_id, ${sql.raw(col)}) WHERE ${sql.raw(col)} IS NOT NULL`.execute(
      db,
    );
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
