// Imports as background work: through the job queue (pg-boss on the test's database), and in the
// server process when no queue runs in it. A run that stopped half-way resumes after its last batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { type Background, startBackground } from '../../platform/jobs/background';
import { runImport } from './runImport';
import { upload, waitForImport } from './testing/upload';

const csv = (n: number, from = 0) =>
  `Email,Last Name\r\n${Array.from({ length: n }, (_, i) => `job${from + i}@example.com,Job ${from + i}`).join('\r\n')}\r\n`;

describe('imports in the background', () => {
  let t: TestApp;
  let bg: Background | null = null;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await bg?.stop();
    await t?.close();
  });

  it('runs in this process when no job queue runs here, answering 202 first', async () => {
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { background: true },
      file: { name: 'a.csv', content: csv(30) },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(['queued', 'running', 'completed']).toContain(res.json().status);
    const done = await waitForImport(t.admin.client, res.json().id);
    expect(done).toMatchObject({
      status: 'completed',
      counts: { created: 30 },
      progress: { processedRows: 30, totalRows: 30 },
    });
  });

  it('runs as a job when the queue runs, and resumes a half-done run after its last batch', async () => {
    const pino = (await import('pino')).default;
    bg = await startBackground(t.store, testConfig(), pino({ level: 'silent' }) as never, {
      pollingIntervalSeconds: 0.5,
    });
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { background: true },
      file: { name: 'b.csv', content: csv(20, 100) },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(await waitForImport(t.admin.client, res.json().id)).toMatchObject({
      status: 'completed',
      counts: { created: 20 },
    });

    // A run that a killed worker left after row 11 (its batches up to there committed): the retry
    // does rows 12–21 only. The state is set by hand on a kept file (a dry run's).
    const half = await upload(t.admin.client, {
      object: 'contacts',
      options: { dryRun: true },
      file: { name: 'c.csv', content: csv(20, 200) },
    });
    const id = half.json().id;
    await t.store.db
      .updateTable('imports')
      .set({
        dry_run: false,
        status: 'running',
        last_row: 11,
        processed_rows: 10,
        created_count: 0,
        updated_count: 0,
        skipped_count: 0,
        failed_count: 0,
      })
      .where('id', '=', id)
      .execute();
    expect(await runImport(t.store, t.workspaceId, id)).toEqual({ status: 'completed' });
    const after = (await t.admin.client.get(`/api/v1/imports/${id}`)).json();
    expect(after).toMatchObject({ counts: { created: 10 }, progress: { processedRows: 20, totalRows: 20 } });
    const emails = (await t.admin.client.get('/api/v1/objects/contacts?limit=200&email[startsWith]=job2'))
      .json()
      .data.map((c: { email: string }) => c.email);
    expect(emails.filter((e: string) => /^job2\d\d@/.test(e)).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `job${210 + i}@example.com`),
    );
  });
});
