// Workspaces, organisation (business units, teams, users, roles), sign-in (sessions, API keys),
// the audit log and the transactional outbox.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE workspaces (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      currency char(3) NOT NULL DEFAULT 'USD',
      time_zone text NOT NULL DEFAULT 'UTC',
      locale text NOT NULL DEFAULT 'en',
      fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE business_units (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      currency char(3) NOT NULL,
      parent_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, parent_id) REFERENCES business_units(workspace_id, id)
    )`.execute(db);

  await sql`
    CREATE TABLE roles (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      key text NOT NULL,
      name text NOT NULL,
      built_in boolean NOT NULL DEFAULT false,
      permissions jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      UNIQUE (workspace_id, key)
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      role_id uuid NOT NULL,
      team_id uuid,
      unit_id uuid,
      manager_id uuid,
      locale text,
      time_zone text,
      active boolean NOT NULL DEFAULT true,
      signature text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, role_id) REFERENCES roles(workspace_id, id),
      FOREIGN KEY (workspace_id, unit_id) REFERENCES business_units(workspace_id, id),
      FOREIGN KEY (workspace_id, manager_id) REFERENCES users(workspace_id, id)
    )`.execute(db);
  // Sign-in names no workspace, so an address identifies one user across the installation.
  await sql`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`.execute(db);

  await sql`
    CREATE TABLE teams (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      name text NOT NULL,
      unit_id uuid,
      manager_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, unit_id) REFERENCES business_units(workspace_id, id),
      FOREIGN KEY (workspace_id, manager_id) REFERENCES users(workspace_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX teams_name_key ON teams (workspace_id, lower(name))`.execute(db);
  await sql`ALTER TABLE users ADD FOREIGN KEY (workspace_id, team_id) REFERENCES teams(workspace_id, id)`.execute(
    db,
  );

  await sql`
    CREATE TABLE sessions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL,
      csrf_token text NOT NULL,
      user_agent text,
      ip text,
      remember boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, user_id) REFERENCES users(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (workspace_id, user_id)`.execute(db);
  await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      user_id uuid NOT NULL,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (workspace_id, id),
      FOREIGN KEY (workspace_id, user_id) REFERENCES users(workspace_id, id) ON DELETE CASCADE
    )`.execute(db);

  await sql`
    CREATE TABLE audit_log (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      actor_id uuid,
      action text NOT NULL,
      target_type text,
      target_id uuid,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX audit_log_target_idx ON audit_log (workspace_id, target_type, target_id, created_at DESC)`.execute(
    db,
  );

  await sql`
    CREATE TABLE outbox_events (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      seq bigserial NOT NULL,
      type text NOT NULL,
      object text,
      record_id uuid,
      actor_id uuid,
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz,
      PRIMARY KEY (workspace_id, id)
    )`.execute(db);
  await sql`CREATE INDEX outbox_unprocessed_idx ON outbox_events (seq) WHERE processed_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_record_idx ON outbox_events (workspace_id, object, record_id, seq)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
