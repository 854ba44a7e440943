// Contacts filtered by city (a sales territory) and sorted by name. Without this index the list
// walks contacts_name_idx and filters on city: in a bilingual book the Latin names sort before
// every Chinese one, so "city = 上海, sorted by name" skipped 51,560 rows for its first page at
// 100k contacts (566 ms); with it the page is one index-only range (0.2 ms). See BENCHMARKS.md.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX contacts_city_name_idx ON contacts (workspace_id, city, name, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
