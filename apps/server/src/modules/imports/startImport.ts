// Starting an import run: small files run inside the request (the answer carries the result),
// larger ones as a background job. Without a job queue in this process (RAPPORT_WORKERS=0 and no
// worker), the run continues in this process after the answer; the import's row shows progress.
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../platform/db/open';
import { sendJob } from '../../platform/jobs/background';
import { runImport } from './runImport';

export const IMPORT_JOB = 'imports.run';
export const UNDO_JOB = 'imports.undo';

/** Rows that run inside the request; more go to the background. */
export const SYNC_MAX_ROWS = 1000;

const inProcess = new Set<Promise<unknown>>();

/** In-process runs still going (the routes plugin waits for them when the server closes). */
export async function settleInProcessRuns(): Promise<void> {
  while (inProcess.size) await Promise.allSettled([...inProcess]);
}

export async function inBackground(
  job: string,
  data: { workspaceId: string; importId: string; userId?: string },
  fallback: () => Promise<unknown>,
  log: FastifyBaseLogger,
): Promise<'job' | 'process'> {
  try {
    await sendJob(job, data, { singletonKey: `${job}:${data.importId}` });
    return 'job';
  } catch (err) {
    if (!/not running/.test((err as Error).message)) throw err;
    log.warn({ importId: data.importId }, 'no job queue in this process: running the import in-process');
    const p = fallback()
      .catch((e) => log.error({ err: e, importId: data.importId }, 'in-process import failed'))
      .finally(() => inProcess.delete(p));
    inProcess.add(p);
    return 'process';
  }
}

export async function startRun(
  store: Store,
  log: FastifyBaseLogger,
  workspaceId: string,
  importId: string,
  rows: number | null,
  background: boolean,
): Promise<void> {
  if (!background && rows !== null && rows <= SYNC_MAX_ROWS) {
    await runImport(store, workspaceId, importId, { log });
    return;
  }
  await inBackground(
    IMPORT_JOB,
    { workspaceId, importId },
    () => runImport(store, workspaceId, importId, { log }),
    log,
  );
}
