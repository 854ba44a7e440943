// A sequence survives its server being killed: each step runs in a worker process that is then
// SIGKILLed (no clean shutdown); the next process, days later, carries on with the next step —
// none skipped, none repeated. On PostgreSQL too, when TEST_DATABASE_URL is set.
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/harness';
import { spawnNode } from '../../cli/fixtures/processes';
import { clock } from '../../platform/clock';
import { openStore, type Store } from '../../platform/db/open';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { createRecord } from '../records/write/createRecord';
import { createWorkspace } from '../workspaces/createWorkspace';
import { enrollRecord } from './enroll';
import { createSequence } from './manageSequences';
import '../index';

const DAY = 86_400_000;
const worker = path.join(import.meta.dirname, 'fixtures/stepWorker.ts');

let store: Store;
let drop: () => Promise<void>;
let env: Record<string, string>;
let enrollmentId: string;
let leadId: string;

const embedded = () => store.kind === 'embedded';

/** Opens the store again after a process died holding it (the embedded store recovers its files). */
async function reopen() {
  if (embedded()) store = await openStore({ dataDir: store.dataDir!, noLock: true });
}

async function release() {
  if (embedded()) await store.close();
}

async function runWorkerThenKill(offsetMs: number) {
  await release();
  const child = spawnNode(['--import', 'tsx', worker], {
    ...env,
    LOG_LEVEL: 'silent',
    CLOCK_OFFSET_MS: String(offsetMs),
    CRASH: '1',
  });
  const line = await child.waitFor(/"done"/, 120_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${child.stderr()}`);
  });
  const exit = await child.exited;
  expect(exit.signal).toBe('SIGKILL');
  await reopen();
  return JSON.parse(line) as { done: number };
}

async function state() {
  const runs = await sql<{ step_index: number; n: number }>`
    SELECT step_index, count(*)::int AS n FROM sequence_step_runs WHERE enrollment_id = ${enrollmentId}
    GROUP BY step_index ORDER BY step_index`.execute(store.db);
  const tasks = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM activity_links l JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
    WHERE l.record_id = ${leadId} AND a.type = 'task'`.execute(store.db);
  const e = await store.db
    .selectFrom('sequence_enrollments')
    .where('id', '=', enrollmentId)
    .selectAll()
    .executeTakeFirstOrThrow();
  return {
    runs: runs.rows.map((r) => [r.step_index, r.n]),
    tasks: tasks.rows[0]!.n,
    status: e.status,
    next: e.next_step,
  };
}

beforeAll(async () => {
  ({ store, drop } = await openTestStore());
  env =
    store.kind === 'embedded'
      ? { DATA_DIR: store.dataDir! }
      : { DATABASE_URL: store.pool!.options.connectionString! };
  const { workspaceId, adminUserId } = await createWorkspace(store.db, {
    name: 'Restart Ltd',
    admin: {
      email: `restart-${process.pid}-${Date.now()}@example.test`,
      name: 'Ada',
      password: 'a long enough password',
    },
  });
  const sys = systemCtx(store.db, workspaceId, adminUserId);
  const seq = await createSequence(sys, {
    name: 'Three days',
    businessHours: null,
    steps: [
      { type: 'task', delay: 'P0D', subject: 'Day 0 for {{record.lastName}}' },
      { type: 'email', delay: 'P1D', subject: 'Day 1', body: 'Hello {{record.firstName}}' },
      { type: 'task', delay: 'P1D', subject: 'Day 2' },
    ],
  });
  leadId = (
    await createRecord(sys, 'leads', { firstName: 'Li', lastName: 'Restart', email: 'li@restart.test' })
  ).id;
  enrollmentId = (
    await enrollRecord(store.db, {
      workspaceId,
      sequenceId: seq.id,
      object: 'leads',
      recordId: leadId,
      ownerId: adminUserId,
      enrolledBy: adminUserId,
      source: 'api',
    })
  ).id!;
});
afterAll(async () => {
  clock.reset();
  await drop?.();
});

describe('a sequence across killed servers', () => {
  it('runs each step exactly once, in order, however the processes die', async () => {
    expect(await state()).toMatchObject({ runs: [], tasks: 0, status: 'active', next: 0 });

    await runWorkerThenKill(0);
    expect(await state()).toMatchObject({ runs: [[0, 1]], tasks: 1, status: 'active', next: 1 });

    await runWorkerThenKill(DAY + 60_000);
    expect(await state()).toMatchObject({
      runs: [
        [0, 1],
        [1, 1],
      ],
      tasks: 1,
      next: 2,
    });
    const mails = await store.db
      .selectFrom('emails')
      .where('idempotency_key', 'like', `seq:${enrollmentId}:%`)
      .select('idempotency_key')
      .execute();
    expect(mails.map((m) => m.idempotency_key)).toEqual([`seq:${enrollmentId}:1`]);

    // Day 2: the last step; then another process later finds nothing left to do.
    await runWorkerThenKill(2 * DAY + 120_000);
    expect((await runWorkerThenKill(5 * DAY)).done).toBe(0);
    expect(await state()).toEqual({
      runs: [
        [0, 1],
        [1, 1],
        [2, 1],
      ],
      tasks: 2,
      status: 'completed',
      next: 2,
    });
  }, 400_000);
});
