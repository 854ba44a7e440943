// Scale-out on PostgreSQL: separate `rapport worker` processes share one queue through SKIP LOCKED,
// never run a job twice, and pick up the job of a worker that was killed mid-run (at-least-once).
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConfig } from '../../../test/harness';
import { type Child, killQuietly, spawnNode } from '../../cli/fixtures/processes';
import { openStore, type Store } from '../db/open';
import { type Background, startBackground } from './background';
import { waitForJob } from './waitForJob';

const serverUrl = inject('serverUrl');
const fixture = path.join(import.meta.dirname, 'fixtures/sharedQueueWorker.ts');

describe.runIf(serverUrl)('rapport worker processes on PostgreSQL (needs TEST_DATABASE_URL)', () => {
  const dbName = `rapport_workers_${process.pid}_${Date.now().toString(36)}`;
  let url: string;
  let store: Store;
  let sender: Background;
  let workers: Child[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${inject('templateDb')}`);
    await admin.end();
    const u = new URL(serverUrl!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    store = await openStore({ databaseUrl: url, dataDir: '', poolSize: 3 });
    await sql`CREATE TABLE test_runs (job_id uuid NOT NULL, n int NOT NULL, pid int NOT NULL, attempt int NOT NULL)`.execute(
      store.db,
    );
    workers = [0, 1].map(() => spawnNode(['--import', 'tsx', fixture], { DATABASE_URL: url }));
    await Promise.all(workers.map((w) => w.waitFor(/worker started/)));
    // This process only sends (like an API process with RAPPORT_WORKERS=0).
    sender = await startBackground(
      store,
      testConfig({ DATABASE_URL: url }),
      pino({ level: 'silent' }) as never,
      {
        workers: false,
      },
    );
  });

  afterAll(async () => {
    for (const w of workers) {
      if (w.proc.exitCode === null && w.proc.signalCode === null) {
        w.proc.kill('SIGTERM');
        await w.exited;
      }
    }
    await sender?.stop();
    await store?.close();
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('two workers share a queue and run each job exactly once', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 30; n++) ids.push((await sender.send('test.shared', { n }))!);
    const done = await Promise.all(ids.map((id) => waitForJob(sender.boss, 'test.shared', id)));
    expect(done.map((j) => j.state)).toEqual(ids.map(() => 'completed'));

    const runs = await sql<{
      job_id: string;
      n: number;
      pid: number;
    }>`SELECT job_id, n, pid FROM test_runs WHERE attempt = 0`.execute(store.db);
    expect(runs.rows).toHaveLength(30);
    expect(new Set(runs.rows.map((r) => r.job_id)).size).toBe(30);
    expect(new Set(runs.rows.map((r) => r.n)).size).toBe(30);
    const pids = new Set(runs.rows.map((r) => r.pid));
    expect(pids).toEqual(new Set(workers.map((w) => w.proc.pid)));
  });

  it('a job whose worker is killed mid-run is retried by the other worker', async () => {
    const id = (await sender.send('test.crash', {}))!;
    let victim: number | undefined;
    for (let i = 0; i < 600 && !victim; i++) {
      const r = await sql<{
        pid: number;
      }>`SELECT pid FROM test_runs WHERE job_id = ${id} AND attempt = 0`.execute(store.db);
      victim = r.rows[0]?.pid;
      if (!victim) await new Promise((res) => setTimeout(res, 50));
    }
    expect(victim).toBeDefined();
    const dead = workers.find((w) => w.proc.pid === victim)!;
    dead.proc.kill('SIGKILL');
    await dead.exited;

    const job = await waitForJob(sender.boss, 'test.crash', id);
    expect(job.state).toBe('completed');
    const runs = await sql<{ pid: number; attempt: number }>`
      SELECT pid, attempt FROM test_runs WHERE job_id = ${id} ORDER BY attempt`.execute(store.db);
    const survivor = workers.find((w) => w !== dead)!.proc.pid;
    expect(runs.rows[0]).toEqual({ pid: victim, attempt: 0 });
    expect(runs.rows.at(-1)?.pid).toBe(survivor);
    expect(job.retryCount).toBeGreaterThanOrEqual(1);
  });

  it('a worker stops on SIGTERM and exits 0', async () => {
    const alive = workers.find((w) => w.proc.exitCode === null && w.proc.signalCode === null)!;
    alive.proc.kill('SIGTERM');
    expect(await alive.exited).toEqual({ code: 0, signal: null });
    expect(alive.stdout()).toContain('worker stopped');
  });

  afterAll(() => workers.forEach(killQuietly));
});
