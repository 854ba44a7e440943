// Approval processes become editable (PATCH /approval-processes/:id): a version for If-Match, so two
// admins editing the same process cannot silently overwrite each other.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE approval_processes ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
