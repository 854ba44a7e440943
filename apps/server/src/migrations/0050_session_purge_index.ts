// Lets the session purge job (platform/jobs/sessionPurge.ts) find revoked sessions without a scan:
// only revoked rows are in this partial index, and they leave it when the job deletes them.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX sessions_revoked_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
