import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { type Background, sendJob, startBackground } from './background';
import { RECYCLE_BIN_PURGE_JOB } from './recycleBinPurge';
import { waitForJob } from './waitForJob';

describe('recycle bin purge job', () => {
  let t: TestApp;
  let bg: Background;
  beforeAll(async () => {
    t = await createTestApp();
    bg = await startBackground(t.store, testConfig(), pino({ level: 'silent' }) as never, {
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(async () => {
    await bg?.stop();
    await t?.close();
  });

  const company = async (name: string) => {
    const res = await t.admin.client.post('/api/v1/objects/companies', { name });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  const exists = async (id: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM companies WHERE id = ${id}`.execute(t.store.db))
      .rows[0]!.n === 1;

  it('is scheduled daily', async () => {
    expect((await bg.boss.getSchedules()).find((s) => s.name === RECYCLE_BIN_PURGE_JOB)?.cron).toBe(
      '17 3 * * *',
    );
  });

  it('deletes records past the retention for good and keeps recent and live ones', async () => {
    const [old, recent, live] = [
      await company('老客户 Old Co'),
      await company('Recent Co'),
      await company('Live Co'),
    ];
    for (const id of [old, recent]) {
      expect((await t.admin.client.delete(`/api/v1/objects/companies/${id}`)).statusCode).toBe(204);
    }
    await sql`UPDATE companies SET deleted_at = now() - interval '91 days' WHERE id = ${old}`.execute(
      t.store.db,
    );

    const job = await waitForJob(bg.boss, RECYCLE_BIN_PURGE_JOB, (await sendJob(RECYCLE_BIN_PURGE_JOB))!);
    expect(job.state).toBe('completed');
    expect(job.output).toEqual({ purged: 1 });
    expect([await exists(old), await exists(recent), await exists(live)]).toEqual([false, true, true]);
    // The recent one can still be restored from the bin.
    expect((await t.admin.client.post(`/api/v1/objects/companies/${recent}/restore`)).statusCode).toBe(200);

    const again = await waitForJob(bg.boss, RECYCLE_BIN_PURGE_JOB, (await sendJob(RECYCLE_BIN_PURGE_JOB))!);
    expect(again.output).toEqual({ purged: 0 });
  });
});
