// Starts Rapport: configuration → database → migrations → first admin (and demo data) → HTTP server
// → job queue and workers. SIGTERM/SIGINT finish in-flight requests, stop the workers (running jobs
// finish or go back to the queue), close the database cleanly and exit 0.
import type { FastifyBaseLogger } from 'fastify';
import { type Config, loadConfig } from './platform/config';
import { migrateToLatest } from './platform/db/migrate';
import { openStore, type Store } from './platform/db/open';
import type { Db } from './platform/db/schema';
import { type Background, startBackground } from './platform/jobs/background';
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

type LoadDemoData = (db: Db, workspaceId: string, adminUserId: string) => Promise<unknown>;

/** The demo data set is the records domain's and large: imported only when RAPPORT_DEMO asks for it. */
async function demoDataLoader(): Promise<LoadDemoData | null> {
  const specifier = './modules/records/demoData';
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { loadDemoData?: LoadDemoData };
    return typeof mod.loadDemoData === 'function' ? mod.loadDemoData : null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(String(err))) return null;
    throw err;
  }
}

/**
 * First start on an empty database with RAPPORT_ADMIN_EMAIL/PASSWORD: the workspace and its admin,
 * plus the demo data when RAPPORT_DEMO=1. Does nothing once a workspace exists, so restarts are safe.
 */
export async function ensureFirstAdmin(store: Store, config: Config, log: (msg: string) => void) {
  if (!config.RAPPORT_ADMIN_EMAIL || !config.RAPPORT_ADMIN_PASSWORD) {
    if (config.RAPPORT_DEMO && (await workspaceCount(store.db)) === 0) {
      log(
        'RAPPORT_DEMO=1 needs RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD (or tick "demo data" on the setup page)',
      );
    }
    return;
  }
  if ((await workspaceCount(store.db)) > 0) return;
  const loadDemo = config.RAPPORT_DEMO ? await demoDataLoader() : null;
  if (config.RAPPORT_DEMO && !loadDemo)
    log('RAPPORT_DEMO=1, but this build has no demo data set: starting empty');
  const { workspaceId, adminUserId } = await createWorkspace(store.db, {
    name: 'Rapport',
    admin: {
      email: config.RAPPORT_ADMIN_EMAIL,
      name: 'Administrator',
      password: config.RAPPORT_ADMIN_PASSWORD,
    },
  });
  log(`Created the workspace and the admin ${config.RAPPORT_ADMIN_EMAIL}`);
  if (loadDemo) {
    await loadDemo(store.db, workspaceId, adminUserId);
    log('Loaded the demo data');
  }
}

export interface Running {
  app: import('fastify').FastifyInstance;
  store: Store;
  background: Background;
  /** Stops everything in order; resolves when the database is closed. */
  stop(signal?: string): Promise<void>;
}

export async function start(config: Config = loadConfig()): Promise<Running> {
  const store = await openAndMigrate(config);
  let app: Running['app'] | null = null;
  let background: Background | null = null;
  try {
    // Loaded here, not at the top: `rapport migrate`, `admin create` and `backup` need no HTTP app.
    const { buildApp } = await import('./app');
    app = await buildApp({ config, store });
    const log = app.log;
    await ensureFirstAdmin(store, config, (m) => log.info(m));
    // Every process can send jobs; only RAPPORT_WORKERS processes (default: this one) run them.
    background = await startBackground(store, config, log as FastifyBaseLogger, {
      workers: config.RAPPORT_WORKERS,
    });
    await app.listen({ host: config.HOST, port: config.PORT });
    const port = (app.server.address() as { port: number }).port;
    const local = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(config.HOST);
    log.info(
      `Rapport is running at ${config.PUBLIC_URL ?? `http://${local ? 'localhost' : config.HOST}:${port}`}`,
    );
  } catch (err) {
    await background?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await store.close();
    throw err;
  }
  const started = { app, background };

  let stopping: Promise<void> | null = null;
  const stop = (signal = 'stop') => {
    stopping ??= (async () => {
      const { app: a, background: bg } = started;
      a.log.info({ signal }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => {
        a.log.error('shutdown took longer than 25 s; exiting');
        process.exit(1);
      }, 25_000);
      force.unref();
      try {
        await a.close(); // stops accepting, waits for in-flight requests
        await bg.stop(); // running jobs finish (or return to the queue at the timeout)
        await store.close();
        a.log.info('stopped cleanly');
      } finally {
        clearTimeout(force);
      }
    })();
    return stopping;
  };
  // `on`, not `once`: Ctrl-C reaches both `npm start` (which forwards it) and this process, and a
  // second signal must not kill a shutdown in progress (the 25 s timer above still bounds it).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (err) => {
          started.app.log.error({ err }, 'error while shutting down');
          process.exit(1);
        },
      );
    });
  }
  return { app, store, background, stop };
}
