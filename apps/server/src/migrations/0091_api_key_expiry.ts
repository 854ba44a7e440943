// API keys may carry an end date: an integration set up for a project stops working on its own
// instead of living on, forgotten, with its user's permissions. NULL keeps the old meaning (no end).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE api_keys ADD COLUMN expires_at timestamptz`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
