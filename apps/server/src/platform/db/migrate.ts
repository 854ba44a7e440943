// Numbered, forward-only migrations (src/migrations/NNNN_name.ts), applied in name order at start
// and by `rapport migrate`. Kysely's migrator takes a lock, so two processes never race.
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Store } from './open';

const dir = new URL('../../migrations/', import.meta.url).pathname;

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_.+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    const out: Record<string, Migration> = {};
    for (const f of files.sort()) {
      out[f.replace(/\.ts$/, '')] = (await import(path.join(dir, f))) as Migration;
    }
    return out;
  }
}

export async function migrateToLatest(store: Store): Promise<string[]> {
  // Domains number their migrations in ranges, so a later-numbered one may land before an earlier one.
  const migrator = new Migrator({ db: store.db, provider: new FolderProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const e = new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`);
    (e as Error & { cause?: unknown }).cause = error;
    throw e;
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
