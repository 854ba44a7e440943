// Runs once per `vitest run` of the web project: starts the real Rapport server (real database on a
// fresh embedded store, real HTTP) so component tests talk to the same API the app does — no fake
// server. Each test file signs in and makes its own data with unique names.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiBase: string;
    adminEmail: string;
    adminPassword: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-web-test-'));
  const { loadConfig } = await import('../../server/src/platform/config');
  const { openAndMigrate } = await import('../../server/src/main');
  const { buildApp } = await import('../../server/src/app');
  const { createWorkspace } = await import('../../server/src/modules/workspaces/createWorkspace');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    WEB_DIST: path.join(dataDir, 'no-web'),
    RAPPORT_WORKERS: 'false',
    LOGIN_RATE_LIMIT: '1000',
  });
  const store = await openAndMigrate(config);
  const app = await buildApp({ config, store, logger: false });
  const adminEmail = 'web-admin@example.test';
  const adminPassword = 'correct horse battery staple';
  await createWorkspace(store.db, {
    name: 'Web Test Co',
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    admin: { email: adminEmail, name: 'Wendy Admin', password: adminPassword },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('apiBase', `http://127.0.0.1:${port}`);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  return async () => {
    await app.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
