// `node --import tsx bench/import100k.ts [--rows 100000] [--store embedded|postgres] [--into URL]`
// Measures one import of a generated contacts CSV (bilingual headers, every row new) through the
// real pipeline — upload checks, row count, batches of 2,000 through the record engine with history
// and outbox — on a fresh database, then the same file again (every row matched, nothing written).
// Prints rows/s and the peak RSS of this process, sampled every 100 ms. Nothing is asserted.
// `--into postgres://…/rapport_bench` imports once into an existing database instead (the bench's
// 1M set), as the bench's admin, with people no earlier run used: the import at scale
// without the HTTP workload around it.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadActor } from '../apps/server/src/platform/auth/loadActor';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate';
import { openStore, type Store } from '../apps/server/src/platform/db/open';
import { saveStream } from '../apps/server/src/platform/files/storage';
import { newId } from '../apps/server/src/platform/ids';
import { createImport } from '../apps/server/src/modules/imports/createImport';
import { loadImport } from '../apps/server/src/modules/imports/importRows';
import { runImport } from '../apps/server/src/modules/imports/runImport';
import { createWorkspace } from '../apps/server/src/modules/workspaces/createWorkspace';
import { freshFirst, importCsv } from './workload/importCsv';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const rows = Number(arg('rows', '100000'));
const kind = arg('store', 'embedded');
const into = arg('into', '');
const work = path.resolve(import.meta.dirname, '../.tmp/bench-import');

async function benchAdmin(store: Store) {
  // The bench server's first start made this admin (bench/run.ts).
  const res = await sql<{ workspaceId: string; adminUserId: string }>`
    SELECT workspace_id AS "workspaceId", id AS "adminUserId" FROM users
    WHERE lower(email) = 'bench-admin@bench.test' AND active LIMIT 1`.execute(store.db);
  const r = res.rows[0];
  if (!r) throw new Error('that database has no active bench admin (bench-admin@bench.test)');
  return r;
}

async function openFresh(): Promise<Store> {
  if (kind === 'postgres') {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS rapport_bench_import WITH (FORCE)');
    await admin.query('CREATE DATABASE rapport_bench_import');
    await admin.end();
    const u = new URL(base);
    u.pathname = '/rapport_bench_import';
    return openStore({ databaseUrl: u.toString(), dataDir: '' });
  }
  fs.rmSync(path.join(work, 'data'), { recursive: true, force: true });
  return openStore({ dataDir: path.join(work, 'data') });
}

async function main() {
  fs.mkdirSync(work, { recursive: true });
  const csvPath = path.join(work, into ? `contacts-${rows}-into.csv` : `contacts-${rows}.csv`);
  if (into) fs.writeFileSync(csvPath, importCsv(rows, 42, freshFirst()));
  else if (!fs.existsSync(csvPath)) fs.writeFileSync(csvPath, importCsv(rows, 42));
  const store = into ? await openStore({ databaseUrl: into, dataDir: '' }) : await openFresh();
  await migrateToLatest(store);
  const { workspaceId, adminUserId } = into
    ? await benchAdmin(store)
    : await createWorkspace(store.db, {
        name: 'Bench',
        currency: 'CNY',
        admin: {
          email: `bench-${Date.now()}@example.test`,
          name: 'Bench',
          password: 'correct horse battery staple',
        },
      });
  const actor = (await loadActor(store.db, workspaceId, adminUserId, 'user'))!.actor;
  const ctx = { db: store.db, actor, workspaceId };

  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const one = async (label: string) => {
    peak = process.memoryUsage().rss;
    const start = process.memoryUsage().rss;
    const t0 = performance.now();
    const id = newId();
    const file = await saveStream(fs.createReadStream(csvPath), path.join(work, 'files', id));
    await createImport(ctx, { id, object: 'contacts', optionsJson: '{}', file, fileName: 'contacts.csv' });
    await runImport(store, workspaceId, id);
    const secs = (performance.now() - t0) / 1000;
    const row = (await loadImport(store.db, workspaceId, id))!;
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    process.stdout.write(
      `${kind} ${label}: ${rows} rows in ${secs.toFixed(1)} s = ${Math.round(rows / secs)} rows/s; ` +
        `created ${row.created_count}, updated ${row.updated_count}, skipped ${row.skipped_count}, failed ${row.failed_count}; ` +
        `RSS ${mb(start)} MB at start, peak ${mb(peak)} MB\n`,
    );
  };
  await one(into ? 'import into the existing data' : 'first import');
  if (!into) await one('same file again');
  clearInterval(sampler);
  await store.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
