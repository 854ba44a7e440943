// Identity and access: bilingual role labels, the user's last sign-in, and the indexes behind the
// user directory (keyset by name, trigram search), role/team membership checks and the audit log.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE roles ADD COLUMN label jsonb`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz`.execute(db);

  // The directory and the admin list page by (name, id); q searches name and email by trigram.
  await sql`CREATE INDEX users_name_idx ON users (workspace_id, name, id)`.execute(db);
  await sql`CREATE INDEX users_search_idx ON users USING gin ((lower(name || ' ' || email)) gin_trgm_ops)`.execute(
    db,
  );
  // "Is this role / team / unit / manager still in use?" and the team's member list.
  await sql`CREATE INDEX users_role_idx ON users (workspace_id, role_id)`.execute(db);
  await sql`CREATE INDEX users_team_idx ON users (workspace_id, team_id)`.execute(db);
  await sql`CREATE INDEX users_unit_idx ON users (workspace_id, unit_id)`.execute(db);
  await sql`CREATE INDEX users_manager_idx ON users (workspace_id, manager_id)`.execute(db);
  await sql`CREATE INDEX teams_unit_idx ON teams (workspace_id, unit_id)`.execute(db);
  await sql`CREATE INDEX teams_manager_idx ON teams (workspace_id, manager_id)`.execute(db);
  await sql`CREATE INDEX business_units_parent_idx ON business_units (workspace_id, parent_id)`.execute(db);
  await sql`CREATE UNIQUE INDEX business_units_name_key ON business_units (workspace_id, lower(name))`.execute(
    db,
  );

  await sql`CREATE INDEX api_keys_user_idx ON api_keys (workspace_id, user_id, id)`.execute(db);

  // The audit log pages newest first by id (UUIDv7: time-ordered), filtered by actor or action.
  await sql`CREATE INDEX audit_log_actor_idx ON audit_log (workspace_id, actor_id, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_action_idx ON audit_log (workspace_id, action, id DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
