// Runs once per `vitest run`: builds a migrated template database that each test file copies,
// so no test pays for initialising PostgreSQL-in-WASM or for the migrations.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/platform/db/migrate';
import { openStore } from '../src/platform/db/open';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDir: string;
    templateDb: string | null;
    serverUrl: string | null;
  }
}

const root = path.resolve(__dirname, '../../../.tmp');

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL || null;
  fs.mkdirSync(root, { recursive: true });
  const templateDir = path.join(root, `template-${process.pid}`);
  fs.rmSync(templateDir, { recursive: true, force: true });
  const store = await openStore({ dataDir: templateDir, noLock: true });
  await migrateToLatest(store);
  await store.close();
  project.provide('templateDir', templateDir);

  let templateDb: string | null = null;
  if (url) {
    templateDb = `rapport_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.query(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${templateDb}`;
    const s = await openStore({ databaseUrl: u.toString(), dataDir: '', poolSize: 1 });
    await migrateToLatest(s);
    await s.close();
  }
  project.provide('templateDb', templateDb);
  project.provide('serverUrl', url);

  return async () => {
    fs.rmSync(templateDir, { recursive: true, force: true });
    if (url && templateDb) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
      await admin.end();
    }
  };
}
