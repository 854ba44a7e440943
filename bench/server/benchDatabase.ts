// The bench database: `rapport_bench` on the local PostgreSQL (dropped and created for every
// generated run, never a test database), or a fresh embedded data directory under .tmp/bench.
import fs from 'node:fs';
import pg from 'pg';
import { openStore } from '../../apps/server/src/platform/db/open';
import { type Loader, pgliteLoader, postgresLoader } from '../dataset/loader';

export interface BenchStore {
  kind: 'embedded' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
}

function dbName(url: string): string {
  const name = new URL(url).pathname.slice(1);
  // Only a database named for the benchmark is ever dropped here.
  if (!/^rapport_bench[a-z0-9_]*$/.test(name))
    throw new Error(`Refusing to drop "${name}": the bench database must be named rapport_bench…`);
  return name;
}

export async function prepareDatabase(store: BenchStore): Promise<void> {
  if (store.kind === 'embedded') {
    fs.rmSync(store.dataDir, { recursive: true, force: true });
    fs.mkdirSync(store.dataDir, { recursive: true });
    return;
  }
  const url = store.databaseUrl!;
  const name = dbName(url);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
}

export async function openLoader(store: BenchStore): Promise<{ loader: Loader; close(): Promise<void> }> {
  if (store.kind === 'postgres') {
    const loader = await postgresLoader(store.databaseUrl!);
    return { loader, close: () => loader.close() };
  }
  // Takes the data directory's lock like the server does: the server must be stopped.
  const s = await openStore({ dataDir: store.dataDir });
  const loader = pgliteLoader(s.pglite!);
  return {
    loader,
    async close() {
      await loader.close();
      await s.close();
    },
  };
}
