// The Kysely table map. Each domain adds its own tables by module augmentation:
//   declare module '../../platform/db/schema' { interface Database { deals: DealsTable } }
// so that no single file has to know every domain.
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface WorkspacesTable {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  locale: string;
  fiscal_year_start_month: number;
  settings: Json<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
}

export interface BusinessUnitsTable {
  workspace_id: string;
  id: string;
  name: string;
  currency: string;
  parent_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface TeamsTable {
  workspace_id: string;
  id: string;
  name: string;
  unit_id: string | null;
  manager_id: string | null;
  created_at: Generated<Timestamp>;
}

export interface RolesTable {
  workspace_id: string;
  id: string;
  key: string;
  name: string;
  built_in: boolean;
  permissions: Json<import('../access/permissions').RolePermissions>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface UsersTable {
  workspace_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role_id: string;
  team_id: string | null;
  unit_id: string | null;
  manager_id: string | null;
  locale: string | null;
  time_zone: string | null;
  active: boolean;
  signature: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface SessionsTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  remember: boolean;
  created_at: Generated<Timestamp>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiKeysTable {
  workspace_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Timestamp>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** After this instant the key no longer authenticates; null = no end. */
  expires_at: Timestamp | null;
}

export interface AuditLogTable {
  workspace_id: string;
  id: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
}

/** The transactional outbox: written with the change it describes, read by the dispatcher. */
export interface OutboxEventsTable {
  workspace_id: string;
  id: string;
  seq: Generated<string>;
  type: string;
  object: string | null;
  record_id: string | null;
  actor_id: string | null;
  payload: Json<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
  processed_at: Timestamp | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  business_units: BusinessUnitsTable;
  teams: TeamsTable;
  roles: RolesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  outbox_events: OutboxEventsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: services accept both. */
export type Executor = Kysely<Database> | Transaction<Database>;
