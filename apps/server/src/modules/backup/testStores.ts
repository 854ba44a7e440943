// Scratch stores for the backup tests: an embedded or PostgreSQL database, migrated (copied from the
// test run's template) or empty (never migrated), each with a data directory for its files.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../platform/db/open';

export interface Scratch {
  store: Store;
  dataDir: string;
  drop(): Promise<void>;
}

let counter = 0;
const unique = () => `${process.pid}_${Date.now().toString(36)}_${counter++}`;
const tmpRoot = () => path.dirname(inject('templateDir'));

async function embedded(copyTemplate: boolean): Promise<Scratch> {
  const dataDir = path.join(tmpRoot(), `backup-${unique()}`);
  if (copyTemplate) fs.cpSync(inject('templateDir'), dataDir, { recursive: true });
  const store = await openStore({ dataDir, noLock: true });
  return {
    store,
    dataDir,
    async drop() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgres(serverUrl: string, template: string | null): Promise<Scratch> {
  const name = `rapport_bk_${unique()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const dataDir = path.join(tmpRoot(), `backup-files-${unique()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const store = await openStore({ databaseUrl: u.toString(), dataDir, poolSize: 3 });
  return {
    store,
    dataDir,
    async drop() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const scratch = {
  embeddedFromTemplate: () => embedded(true),
  emptyEmbedded: () => embedded(false),
  postgresFromTemplate: (serverUrl: string) => postgres(serverUrl, inject('templateDb')),
  emptyPostgres: (serverUrl: string) => postgres(serverUrl, null),
};
