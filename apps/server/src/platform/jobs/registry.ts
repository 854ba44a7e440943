// The jobs every domain runs in the background, registered with one call each:
//   registerJob({ name: 'recycleBin.purge', handler, schedule: { cron: '17 3 * * *' }, options: { expireInSeconds: 600 } })
// pg-boss delivers at least once, so a handler must be idempotent: key its effect by `ctx.jobId` (or the
// outbox event it handles) under a UNIQUE constraint, or make it a no-op when repeated (a purge).
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Store } from '../db/open';

export interface JobContext {
  store: Store;
  config: Config;
  log: FastifyBaseLogger;
  jobId: string;
  /** 0 on the first attempt; pg-boss counts retries after a failure or an expiry. */
  retryCount: number;
}

export interface JobQueueOptions {
  /** Required: a job still running after this long is failed and, within retryLimit, retried. */
  expireInSeconds: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubled per attempt with retryBackoff. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** How long finished jobs are kept before archiving (minutes). */
  retentionMinutes?: number;
  /** `singleton` lets only one job of the queue be active at a time; `stately` one per state. */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  deadLetter?: string;
  /** Jobs of this queue one process works on at the same time. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export interface JobSchedule {
  /** Five-field cron, evaluated by pg-boss once per tick for the whole installation. */
  cron: string;
  data?: Record<string, unknown>;
  tz?: string;
}

export interface JobDefinition<T = Record<string, unknown>> {
  /** `domain.verb`: letters, digits, dots, dashes and underscores, at most 50 characters. */
  name: string;
  handler: (data: T, ctx: JobContext) => Promise<unknown>;
  schedule?: JobSchedule;
  options: JobQueueOptions;
}

const definitions = new Map<string, JobDefinition>();

const namePattern = /^[A-Za-z][\w.-]{0,49}$/;

export function registerJob<T = Record<string, unknown>>(def: JobDefinition<T>): void {
  if (!namePattern.test(def.name)) {
    throw new Error(`Job name "${def.name}" must match ${namePattern} (pg-boss queue names)`);
  }
  if (!Number.isInteger(def.options.expireInSeconds) || def.options.expireInSeconds < 1) {
    throw new Error(`Job ${def.name}: options.expireInSeconds must be a whole number of seconds ≥ 1`);
  }
  if (def.options.expireInSeconds > 24 * 3600) {
    throw new Error(`Job ${def.name}: pg-boss allows an expiry of at most 24 hours`);
  }
  const existing = definitions.get(def.name);
  if (existing && existing.handler !== (def.handler as JobDefinition['handler'])) {
    throw new Error(`Two jobs are registered under the name ${def.name}`);
  }
  definitions.set(def.name, def as unknown as JobDefinition);
}

export function registeredJobs(): JobDefinition[] {
  return [...definitions.values()];
}

export function jobDefinition(name: string): JobDefinition | undefined {
  return definitions.get(name);
}
