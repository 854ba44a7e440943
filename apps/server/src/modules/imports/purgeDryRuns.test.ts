// Abandoned dry runs lose their stored file after a day; recent ones and real imports keep theirs.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { purgeDryRunFiles } from './purgeDryRuns';
import { upload } from './testing/upload';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const csv = (tag: string) => `First name,Last name,Email\nAda,${tag},${tag}@example.com\n`;

async function dryRun(tag: string): Promise<string> {
  const res = await upload(t.admin.client, {
    object: 'contacts',
    options: { dryRun: true },
    file: { name: `${tag}.csv`, content: csv(tag) },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ status: 'completed', canRun: true });
  return res.json().id;
}

const stored = async (id: string) =>
  (
    await t.store.db
      .selectFrom('imports')
      .where('workspace_id', '=', t.workspaceId)
      .where('id', '=', id)
      .select(['file_path', 'finished_at'])
      .executeTakeFirstOrThrow()
  ).file_path;

describe('dry-run file purge', () => {
  it('removes the file of a dry run finished over a day ago, keeps a fresh one', async () => {
    const old = await dryRun('stale');
    const fresh = await dryRun('fresh');
    const oldPath = (await stored(old))!;
    const freshPath = (await stored(fresh))!;
    expect(fs.existsSync(oldPath)).toBe(true);
    await t.store.db
      .updateTable('imports')
      .set({ finished_at: new Date(Date.now() - 25 * 3600_000) })
      .where('workspace_id', '=', t.workspaceId)
      .where('id', '=', old)
      .execute();

    expect(await purgeDryRunFiles(t.store.db)).toEqual({ removed: 1 });
    expect(fs.existsSync(oldPath)).toBe(false);
    expect(await stored(old)).toBeNull();
    expect(fs.existsSync(freshPath)).toBe(true);
    expect(await stored(fresh)).toBe(freshPath);

    // The old import stays readable, says it cannot run, and refuses a run with a clear 409.
    const body = (await t.admin.client.get(`/api/v1/imports/${old}`)).json();
    expect(body).toMatchObject({ status: 'completed', canRun: false });
    const run = await t.admin.client.post(`/api/v1/imports/${old}/run`, {});
    expect(run.statusCode).toBe(409);
    expect(run.json().detail).toMatch(/upload the file again/);

    // The fresh one still runs from its kept file; a second purge finds nothing to do.
    const ok = await t.admin.client.post(`/api/v1/imports/${fresh}/run`, {});
    expect(ok.statusCode, ok.body).toBeLessThan(300);
    expect(await purgeDryRunFiles(t.store.db)).toEqual({ removed: 0 });
  });
});
