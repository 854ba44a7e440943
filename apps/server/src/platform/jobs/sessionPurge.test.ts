import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { createSession, revokeSession, sessionPolicy } from '../auth/sessions';
import { newId } from '../ids';
import { type Background, sendJob, startBackground } from './background';
import { SESSION_PURGE_JOB } from './sessionPurge';
import { waitForJob } from './waitForJob';

const silent = { level: 'silent' } as const;

describe('session purge job', () => {
  let t: TestApp;
  let bg: Background;

  beforeAll(async () => {
    t = await createTestApp();
    const pino = (await import('pino')).default;
    bg = await startBackground(t.store, testConfig(), pino(silent) as never, { pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => {
    await bg?.stop();
    await t?.close();
  });

  const sessionIds = async () =>
    new Set(
      (
        await t.store.db
          .selectFrom('sessions')
          .where('workspace_id', '=', t.workspaceId)
          .select('id')
          .execute()
      ).map((r) => r.id),
    );

  it('is scheduled hourly for the whole installation', async () => {
    const schedules = await bg.boss.getSchedules();
    expect(schedules.find((s) => s.name === SESSION_PURGE_JOB)?.cron).toBe('7 * * * *');
  });

  it('deletes expired and revoked sessions and keeps live ones usable', async () => {
    const policy = sessionPolicy(testConfig());
    const input = { workspaceId: t.workspaceId, userId: t.admin.id };
    const live = await createSession(t.store.db, policy, input);
    const revoked = await createSession(t.store.db, policy, input);
    const expired = await createSession(t.store.db, policy, input);
    await revokeSession(t.store.db, t.workspaceId, revoked.id);
    await t.store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('workspace_id', '=', t.workspaceId)
      .where('id', '=', expired.id)
      .execute();

    const id = await sendJob(SESSION_PURGE_JOB);
    const job = await waitForJob(bg.boss, SESSION_PURGE_JOB, id!);
    expect(job.state).toBe('completed');
    expect(job.output).toMatchObject({ expired: 1, revoked: 1 });

    const left = await sessionIds();
    expect(left.has(live.id)).toBe(true);
    expect(left.has(revoked.id)).toBe(false);
    expect(left.has(expired.id)).toBe(false);
    // The admin's own sign-in (made by the harness) survives and still works.
    expect((await t.admin.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('purges more than one batch and a second run finds nothing to do', async () => {
    // 2,500 expired sessions: more than two batches of the job's 1,000-row deletes.
    await sql`
      INSERT INTO sessions (workspace_id, id, token_hash, user_id, csrf_token, last_seen_at, expires_at)
      SELECT ${t.workspaceId}::uuid, gen_random_uuid(), 'h' || g || ${newId()}, ${t.admin.id}::uuid, 'c',
             now() - interval '30 days', now() - interval '1 day'
      FROM generate_series(1, 2500) g`.execute(t.store.db);
    const before = (await sessionIds()).size;

    const first = await waitForJob(bg.boss, SESSION_PURGE_JOB, (await sendJob(SESSION_PURGE_JOB))!);
    expect(first.output).toMatchObject({ expired: 2500, revoked: 0 });
    expect((await sessionIds()).size).toBe(before - 2500);

    const second = await waitForJob(bg.boss, SESSION_PURGE_JOB, (await sendJob(SESSION_PURGE_JOB))!);
    expect(second.state).toBe('completed');
    expect(second.output).toMatchObject({ expired: 0, revoked: 0 });
    expect((await sessionIds()).size).toBe(before - 2500);
  });
});
