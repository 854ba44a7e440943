// Background work started with the server (or alone by `rapport worker`): the job queue, the workers
// of every registered job and their cron schedules. Every process can send jobs; only processes that
// run workers (RAPPORT_WORKERS, `rapport worker`) fetch them, run the schedules and do the maintenance.
import type { FastifyBaseLogger } from 'fastify';
import type PgBoss from 'pg-boss';
import type { Config } from '../config';
import type { Store } from '../db/open';
import { type Boss, createBoss, type QueueOptions } from './queue';
import { type JobContext, type JobDefinition, registeredJobs } from './registry';

// Job definitions that live outside a routes module are loaded here: add one line per file.
// (Modules registered in modules/index.ts are loaded too, so a registerJob beside the routes counts.)
const jobModules: Array<() => Promise<unknown>> = [
  () => import('./sessionPurge'),
  () => import('./recycleBinPurge'),
  () => import('../search/searchIndexMaintenance'),
  () => import('../dispatch/pumpJob'),
];

export interface Background {
  boss: Boss;
  /** Queues a job; returns its id (null when a singleton/throttle policy dropped it). */
  send(name: string, data?: Record<string, unknown>, options?: PgBoss.SendOptions): Promise<string | null>;
  stop(): Promise<void>;
}

export interface BackgroundOptions extends QueueOptions {
  /** Fetch and run jobs here (default true); false only sends, for API processes behind `rapport worker`s. */
  workers?: boolean;
  /** How long stop() waits for running jobs before giving them back to the queue (default 15 s). */
  stopTimeoutMs?: number;
}

let current: Background | null = null;

/** Queues a job from anywhere in this process (a route, a service, another job). */
export async function sendJob(
  name: string,
  data: Record<string, unknown> = {},
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  if (!current) throw new Error(`The job queue is not running in this process (sending ${name})`);
  return current.send(name, data, options);
}

export async function loadJobDefinitions(): Promise<JobDefinition[]> {
  await import('../../modules');
  for (const load of jobModules) await load();
  return registeredJobs();
}

async function ensureQueue(boss: Boss, def: JobDefinition): Promise<void> {
  const { concurrency: _c, pollingIntervalSeconds: _p, ...queue } = def.options;
  const options: PgBoss.Queue = { name: def.name, ...queue };
  if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, options);
  else await boss.createQueue(def.name, options);
}

async function startWorkers(
  boss: Boss,
  def: JobDefinition,
  base: Omit<JobContext, 'jobId' | 'retryCount'>,
): Promise<string[]> {
  const workOptions = {
    batchSize: 1,
    includeMetadata: true as const,
    ...(def.options.pollingIntervalSeconds
      ? { pollingIntervalSeconds: def.options.pollingIntervalSeconds }
      : {}),
  };
  const startOne = async (): Promise<string> => {
    let workerId: string | null = null;
    // batchSize is 1, so pg-boss keeps the handler's return value as the job's output.
    const run = async ([job]: PgBoss.JobWithMetadata<Record<string, unknown>>[]) => {
      if (!job) return undefined;
      // pg-boss waits a whole polling interval even after finding work; a worker that just ran a job
      // asks again at once instead, so a backlog drains at the speed of the handlers.
      if (workerId) boss.notifyWorker(workerId);
      const log = base.log.child({ job: def.name, jobId: job.id });
      try {
        return await def.handler(job.data ?? {}, { ...base, log, jobId: job.id, retryCount: job.retryCount });
      } catch (err) {
        // pg-boss records the failure and retries within the queue's retryLimit; say so in the log too.
        log.error({ err, retryCount: job.retryCount }, 'job failed');
        throw err;
      }
    };
    workerId = await boss.work(def.name, workOptions, run);
    return workerId;
  };
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, def.options.concurrency ?? 1); i++) ids.push(await startOne());
  return ids;
}

async function syncSchedules(boss: Boss, defs: JobDefinition[]): Promise<void> {
  const wanted = new Map(defs.filter((d) => d.schedule).map((d) => [d.name, d.schedule!]));
  for (const s of await boss.getSchedules()) {
    // A schedule whose job was removed from the code would keep filling a queue nobody works.
    if (!wanted.has(s.name)) await boss.unschedule(s.name);
  }
  for (const [name, s] of wanted) {
    await boss.schedule(name, s.cron, s.data ?? {}, s.tz ? { tz: s.tz } : {});
  }
}

export async function startBackground(
  store: Store,
  config: Config,
  log: FastifyBaseLogger,
  opts: BackgroundOptions = {},
): Promise<Background> {
  const workers = opts.workers ?? true;
  const defs = await loadJobDefinitions();
  const localWorkers = new Map<string, string[]>();
  const { boss, exclusive } = createBoss(store, {
    ...opts,
    schedule: opts.schedule ?? workers,
    supervise: opts.supervise ?? workers,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  try {
    await exclusive(async () => {
      for (const def of defs) await ensureQueue(boss, def);
      if (workers) await syncSchedules(boss, defs);
    });
    if (workers) {
      for (const def of defs)
        localWorkers.set(def.name, await startWorkers(boss, def, { store, config, log }));
    }
  } catch (err) {
    await boss.stop({ graceful: false, close: false, wait: true });
    throw err;
  }
  log.info({ jobs: defs.map((d) => d.name), workers }, 'job queue started');

  let stopped = false;
  const bg: Background = {
    boss,
    async send(name, data = {}, options = {}) {
      const id = await boss.send(name, data, options);
      // A job for this process's own workers starts now rather than at their next poll.
      if (id && !options.startAfter) for (const w of localWorkers.get(name) ?? []) boss.notifyWorker(w);
      return id;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Waits for running jobs; any still running at the timeout are failed and retried elsewhere.
      // Sending stays possible meanwhile: a finishing job may queue its follow-up.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: opts.stopTimeoutMs ?? 15_000 });
      if (current === bg) current = null;
    },
  };
  current = bg;
  return bg;
}
