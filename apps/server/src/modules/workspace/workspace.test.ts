import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { recycleBinRetentionDays } from './presentWorkspace';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('workspace settings', () => {
  it('reads the settings, with a 90-day recycle bin by default', async () => {
    const res = await t.admin.client.get('/api/v1/workspace');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: t.workspaceId,
      name: 'Acme',
      currency: 'CNY',
      timeZone: 'UTC',
      fiscalYearStartMonth: 1,
      recycleBinRetentionDays: 90,
    });
  });

  it('changes settings (manageSettings), keeps other settings keys, and audits the change', async () => {
    await t.store.db
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ otherDomain: { keep: true } }) })
      .where('id', '=', t.workspaceId)
      .execute();
    const res = await t.admin.client.patch('/api/v1/workspace', {
      name: '艾克米',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      fiscalYearStartMonth: 4,
      recycleBinRetentionDays: 30,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '艾克米',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      fiscalYearStartMonth: 4,
      recycleBinRetentionDays: 30,
    });
    const row = await t.store.db
      .selectFrom('workspaces')
      .where('id', '=', t.workspaceId)
      .select('settings')
      .executeTakeFirstOrThrow();
    expect(row.settings).toEqual({ otherDomain: { keep: true }, recycleBinRetentionDays: 30 });
    expect(await recycleBinRetentionDays(t.store.db, t.workspaceId)).toBe(30);
    const log = (await t.admin.client.get('/api/v1/audit-log?action=workspace.updated')).json();
    expect(log.data[0].details.changes.fiscalYearStartMonth).toEqual({ from: 1, to: 4 });
    expect((await t.admin.client.get('/api/v1/auth/me')).json().workspace.timeZone).toBe('Asia/Shanghai');
  });

  it('refuses out-of-range and unknown values field by field', async () => {
    const res = await t.admin.client.patch('/api/v1/workspace', {
      fiscalYearStartMonth: 13,
      recycleBinRetentionDays: 0,
      currency: 'cny',
      timeZone: 'Nowhere/City',
      locale: 'fr',
      owner: 'me',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'fiscalYearStartMonth',
        'recycleBinRetentionDays',
        'currency',
        'timeZone',
        'locale',
        'owner',
      ]),
    );
  });

  it('lets everyone read the settings but only manageSettings change them', async () => {
    for (const role of ['manager', 'rep', 'support', 'finance', 'marketing', 'readonly']) {
      const u = await t.createUser({ role });
      expect((await u.client.get('/api/v1/workspace')).statusCode).toBe(200);
      expect((await u.client.patch('/api/v1/workspace', { name: 'Mine now' })).statusCode).toBe(403);
    }
    expect((await t.admin.client.get('/api/v1/workspace')).json().name).not.toBe('Mine now');
  });
});
