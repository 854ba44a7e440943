// `rapport worker`: background workers without the HTTP server, for scale-out on PostgreSQL
// (N API processes with RAPPORT_WORKERS=0 plus M of these). pg-boss fetches with SKIP LOCKED, so
// workers share every queue without running a job twice, and retry the jobs of a worker that died.
import pino from 'pino';
import { openAndMigrate } from '../../main';
import type { Config } from '../config';
import { type BackgroundOptions, startBackground } from './background';

export async function startWorker(config: Config, opts: BackgroundOptions = {}) {
  if (!config.DATABASE_URL) {
    throw Object.assign(
      new Error(
        'rapport worker needs DATABASE_URL: the embedded store belongs to one process, and `npm start` ' +
          'already runs the workers (RAPPORT_WORKERS=1). Use a PostgreSQL server to run separate workers.',
      ),
      { name: 'CliError' },
    );
  }
  const log = pino({ level: config.LOG_LEVEL });
  const store = await openAndMigrate(config);
  let bg: Awaited<ReturnType<typeof startBackground>>;
  try {
    bg = await startBackground(store, config, log as never, { ...opts, workers: true });
  } catch (err) {
    await store.close();
    throw err;
  }
  log.info({ pid: process.pid }, 'worker started');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('worker stopping: finishing running jobs');
      await bg.stop();
      await store.close();
      log.info('worker stopped');
    })();
    return stopping;
  };
  // `on`, not `once`: a repeated signal must not cut a graceful stop short.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stop().then(
        () => process.exit(0),
        (err) => {
          log.error({ err }, 'error while stopping the worker');
          process.exit(1);
        },
      );
    });
  }
  return { stop };
}
