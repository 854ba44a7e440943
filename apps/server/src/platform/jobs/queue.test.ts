import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testConfig } from '../../../test/harness';
import type { Store } from '../db/open';
import { type Background, sendJob, startBackground } from './background';
import { registerJob } from './registry';
import { waitForJob } from './waitForJob';

const log = pino({ level: 'silent' }) as never;

// A job whose first attempt fails: its effect is keyed by the job id, so the retry lands exactly once.
registerJob<{ note: string }>({
  name: 'test.flaky',
  options: { expireInSeconds: 30, retryLimit: 2, retryDelay: 0 },
  async handler(data, ctx) {
    await sql`
      INSERT INTO test_job_effects (job_id, note, attempts) VALUES (${ctx.jobId}, ${data.note}, 1)
      ON CONFLICT (job_id) DO UPDATE SET attempts = test_job_effects.attempts + 1`.execute(ctx.store.db);
    if (ctx.retryCount === 0) throw new Error('first attempt fails on purpose');
    return { retried: ctx.retryCount };
  },
});

// A job that runs past its queue's expiry is failed instead of hanging a worker forever.
registerJob({
  name: 'test.slow',
  options: { expireInSeconds: 1, retryLimit: 0 },
  async handler() {
    await new Promise((r) => setTimeout(r, 3000));
  },
});

// Polls only every 30 s: its jobs finish promptly only because a send wakes this process's workers
// and a worker that just ran a job asks for the next one at once.
registerJob<{ n: number }>({
  name: 'test.backlog',
  options: { expireInSeconds: 30, pollingIntervalSeconds: 30 },
  async handler(data) {
    return { n: data.n };
  },
});

describe('job queue', () => {
  let store: Store;
  let drop: () => Promise<void>;
  let bg: Background;

  beforeAll(async () => {
    ({ store, drop } = await openTestStore());
    await sql`CREATE TABLE test_job_effects (job_id uuid PRIMARY KEY, note text, attempts int NOT NULL)`.execute(
      store.db,
    );
  });
  afterAll(async () => {
    await bg?.stop();
    await drop?.();
  });

  it('refuses to send before the queue runs in this process', async () => {
    await expect(sendJob('test.flaky', { note: 'x' })).rejects.toThrow(/not running/);
  });

  it('starts on the store and answers a multi-statement text with every result', async () => {
    bg = await startBackground(store, testConfig(), log, { pollingIntervalSeconds: 0.5 });
    const r = (await bg.boss.getDb().executeSql('SELECT 1 AS a; SELECT 2 AS b', [])) as unknown as {
      rows: unknown[];
    }[];
    expect(r.map((x) => x.rows)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    const one = await bg.boss.getDb().executeSql('SELECT $1::text AS v', ['二']);
    expect(one.rows).toEqual([{ v: '二' }]);
  });

  it('retries a failed job and its keyed effect lands once', async () => {
    const id = (await sendJob('test.flaky', { note: '张伟 🎉' }))!;
    const job = await waitForJob(bg.boss, 'test.flaky', id);
    expect(job.state).toBe('completed');
    expect(job.retryCount).toBe(1);
    expect(job.output).toEqual({ retried: 1 });
    const rows = await sql<{ note: string; attempts: number }>`
      SELECT note, attempts FROM test_job_effects WHERE job_id = ${id}`.execute(store.db);
    expect(rows.rows).toEqual([{ note: '张伟 🎉', attempts: 2 }]);
  });

  it('runs a backlog without waiting a polling interval per job', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push((await sendJob('test.backlog', { n }))!);
    const jobs = await Promise.all(ids.map((id) => waitForJob(bg.boss, 'test.backlog', id, 20_000)));
    expect(jobs.map((j) => j.output)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });

  it('fails a job that outlives its expiry', async () => {
    const id = (await sendJob('test.slow'))!;
    const job = await waitForJob(bg.boss, 'test.slow', id);
    expect(job.state).toBe('failed');
    expect(JSON.stringify(job.output)).toMatch(/exceeded 1000ms/);
  });

  it('gives every registered job a queue with its expiry', async () => {
    const q = await bg.boss.getQueue('test.slow');
    expect(q?.expireInSeconds).toBe(1);
    expect((await bg.boss.getQueue('sessions.purge'))?.expireInSeconds).toBe(300);
  });
});

describe('registerJob', () => {
  const handler = async () => {};
  it('refuses names pg-boss cannot use', () => {
    expect(() => registerJob({ name: 'bad name', handler, options: { expireInSeconds: 5 } })).toThrow(
      /must match/,
    );
    expect(() => registerJob({ name: 'x'.repeat(51), handler, options: { expireInSeconds: 5 } })).toThrow(
      /must match/,
    );
  });
  it('requires an expiry between a second and a day', () => {
    expect(() => registerJob({ name: 'test.noexpiry', handler, options: { expireInSeconds: 0 } })).toThrow(
      /expireInSeconds/,
    );
    expect(() =>
      registerJob({ name: 'test.longexpiry', handler, options: { expireInSeconds: 90_000 } }),
    ).toThrow(/24 hours/);
  });
  it('refuses two different jobs under one name', () => {
    registerJob({ name: 'test.twice', handler, options: { expireInSeconds: 5 } });
    expect(() =>
      registerJob({ name: 'test.twice', handler: async () => 1, options: { expireInSeconds: 5 } }),
    ).toThrow(/Two jobs/);
  });
});
