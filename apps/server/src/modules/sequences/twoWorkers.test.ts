// Two worker processes on one PostgreSQL database share a backlog of sequence steps and never run
// the same step twice: every step is recorded once, and the side effect that has no UNIQUE key of
// its own (a task per step) exists exactly once per step. Runs on TEST_DATABASE_URL when set, else
// on the local server at 127.0.0.1:5432 (user postgres), in a database of its own.
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnNode } from '../../cli/fixtures/processes';
import { migrateToLatest } from '../../platform/db/migrate';
import { openStore, type Store } from '../../platform/db/open';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { createRecord } from '../records/write/createRecord';
import { createWorkspace } from '../workspaces/createWorkspace';
import { enrollRecord } from './enroll';
import { createSequence } from './manageSequences';
import '../index';

const serverUrl = inject('serverUrl') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const templateDb = inject('templateDb');
const dbName = `rapport_seq2w_${process.pid}_${Date.now().toString(36)}`;
const worker = path.join(import.meta.dirname, 'fixtures/stepWorker.ts');
const ENROLMENTS = 40;
const STEPS = 3;

let store: Store;
let url: string;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(
    templateDb ? `CREATE DATABASE ${dbName} TEMPLATE ${templateDb}` : `CREATE DATABASE ${dbName}`,
  );
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  url = u.toString();
  store = await openStore({ databaseUrl: url, dataDir: '', poolSize: 4 });
  if (!templateDb) await migrateToLatest(store);
  const { workspaceId, adminUserId } = await createWorkspace(store.db, {
    name: 'Busy Ltd',
    admin: {
      email: `busy-${process.pid}-${Date.now()}@example.test`,
      name: 'Ada',
      password: 'a long enough password',
    },
  });
  const sys = systemCtx(store.db, workspaceId, adminUserId);
  const seq = await createSequence(sys, {
    name: 'Burst',
    businessHours: null,
    steps: Array.from({ length: STEPS }, (_, i) => ({
      type: 'task' as const,
      delay: 'P0D',
      subject: `Step ${i}`,
    })),
  });
  for (let i = 0; i < ENROLMENTS; i++) {
    const lead = await createRecord(sys, 'leads', { lastName: `Lead ${i}` });
    await enrollRecord(store.db, {
      workspaceId,
      sequenceId: seq.id,
      object: 'leads',
      recordId: lead.id,
      ownerId: adminUserId,
      enrolledBy: adminUserId,
      source: 'api',
    });
  }
}, 300_000);

afterAll(async () => {
  await store?.close();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

describe('two worker processes on PostgreSQL', () => {
  it('share the steps and never run one twice', async () => {
    const workers = [0, 1].map(() =>
      spawnNode(['--import', 'tsx', worker], { DATABASE_URL: url, LOG_LEVEL: 'silent' }),
    );
    const reports = await Promise.all(
      workers.map(async (w) => {
        const line = await w.waitFor(/"done"/, 240_000).catch((err) => {
          throw new Error(`${(err as Error).message}\n${w.stderr()}`);
        });
        await w.exited;
        return JSON.parse(line) as { pid: number; done: number };
      }),
    );
    const runs = await sql<{ n: number; distinct_steps: number; workers: number }>`
      SELECT count(*)::int AS n, count(DISTINCT (enrollment_id, step_index))::int AS distinct_steps,
        count(DISTINCT worker)::int AS workers FROM sequence_step_runs`.execute(store.db);
    expect(runs.rows[0]).toMatchObject({ n: ENROLMENTS * STEPS, distinct_steps: ENROLMENTS * STEPS });
    // Tasks have no UNIQUE key: a step done twice would show here as a second task.
    const tasks = await sql<{ subject: string; record_id: string; n: number }>`
      SELECT a.subject, l.record_id, count(*)::int AS n FROM activities a
      JOIN activity_links l ON l.workspace_id = a.workspace_id AND l.activity_id = a.id AND l.direct
      WHERE a.type = 'task' GROUP BY a.subject, l.record_id`.execute(store.db);
    expect(tasks.rows).toHaveLength(ENROLMENTS * STEPS);
    expect(tasks.rows.every((r) => r.n === 1)).toBe(true);
    const open = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM sequence_enrollments WHERE status <> 'completed'`.execute(store.db);
    expect(open.rows[0]!.n).toBe(0);
    expect(reports.reduce((s, r) => s + r.done, 0)).toBeGreaterThanOrEqual(ENROLMENTS * STEPS);
  }, 300_000);
});
