// Starts Rapport: configuration → database → migrations → first admin → HTTP server → workers.
// SIGTERM/SIGINT finish in-flight requests, stop the workers and close the database cleanly.
import { buildApp } from './app';
import { type Config, loadConfig } from './platform/config';
import { migrateToLatest } from './platform/db/migrate';
import { openStore, type Store } from './platform/db/open';
import { startBackground, type Background } from './platform/jobs/background';
import { createWorkspace, workspaceCount } from './modules/workspaces/createWorkspace';

export async function openAndMigrate(config: Config): Promise<Store> {
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    await migrateToLatest(store);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

export async function ensureFirstAdmin(store: Store, config: Config, log: (msg: string) => void) {
  if (!config.RAPPORT_ADMIN_EMAIL || !config.RAPPORT_ADMIN_PASSWORD) return;
  if ((await workspaceCount(store.db)) > 0) return;
  await createWorkspace(store.db, {
    name: 'Rapport',
    admin: {
      email: config.RAPPORT_ADMIN_EMAIL,
      name: 'Administrator',
      password: config.RAPPORT_ADMIN_PASSWORD,
    },
  });
  log(`Created the workspace and the admin ${config.RAPPORT_ADMIN_EMAIL}`);
}

export async function start(config: Config = loadConfig()) {
  const store = await openAndMigrate(config);
  const app = await buildApp({ config, store });
  await ensureFirstAdmin(store, config, (m) => app.log.info(m));
  let background: Background | null = null;
  if (config.RAPPORT_WORKERS) background = await startBackground(store, config, app.log);
  await app.listen({ host: config.HOST, port: config.PORT });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await background?.stop();
      await store.close();
      app.log.info('stopped cleanly');
    } catch (err) {
      app.log.error({ err }, 'error while shutting down');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return { app, store, stop };
}
