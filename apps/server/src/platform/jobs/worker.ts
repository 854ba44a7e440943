// `rapport worker`: background workers without the HTTP server, for scale-out on PostgreSQL.
import pino from 'pino';
import type { Config } from '../config';
import { openAndMigrate } from '../../main';
import { startBackground } from './background';

export async function startWorker(config: Config) {
  if (!config.DATABASE_URL) {
    throw Object.assign(
      new Error(
        'rapport worker needs DATABASE_URL: the embedded store belongs to one process (npm start already runs the workers)',
      ),
      { name: 'CliError' },
    );
  }
  const log = pino({ level: config.LOG_LEVEL });
  const store = await openAndMigrate(config);
  const bg = await startBackground(store, config, log as never);
  log.info('worker started');
  const stop = async () => {
    await bg.stop();
    await store.close();
    log.info('worker stopped');
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
