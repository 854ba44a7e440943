// Numbered, forward-only migrations (src/migrations/NNNN_name.ts), applied in name order at start
// and by `rapport migrate`. Kysely's migrator takes a lock, so two processes never race.
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Store } from './open';

const dir = new URL('../../migrations/', import.meta.url).pathname;

/** The names of every migration this build has, in order. */
export async function migrationNames(): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_.+\.ts$/.test(f) && !f.endsWith('.test.ts'));
  return files.sort().map((f) => f.replace(/\.ts$/, ''));
}

class FolderProvider implements MigrationProvider {
  constructor(private readonly only?: ReadonlySet<string>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const name of await migrationNames()) {
      if (this.only && !this.only.has(name)) continue;
      // Imported only when it runs: at an ordinary start every migration is applied, and compiling
      // them all just to skip them cost a second.
      const load = async () => (await import(path.join(dir, `${name}.ts`))) as Migration;
      out[name] = { up: async (db) => (await load()).up(db) };
    }
    return out;
  }
}

/** `only` limits the run to those migrations (a restore first rebuilds the schema its backup was made on). */
export async function migrateToLatest(
  store: Store,
  opts: { only?: ReadonlySet<string> } = {},
): Promise<string[]> {
  // Domains number their migrations in ranges, so a later-numbered one may land before an earlier one.
  const migrator = new Migrator({
    db: store.db,
    provider: new FolderProvider(opts.only),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const e = new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`);
    (e as Error & { cause?: unknown }).cause = error;
    throw e;
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
