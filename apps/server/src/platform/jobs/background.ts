// Background work started with the server (or alone by `rapport worker`): the job queue and the
// workers of every domain. Filled in by the jobs layer.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Store } from '../db/open';

export interface Background {
  stop(): Promise<void>;
}

export async function startBackground(
  _store: Store,
  _config: Config,
  _log: FastifyBaseLogger,
): Promise<Background> {
  return { async stop() {} };
}
