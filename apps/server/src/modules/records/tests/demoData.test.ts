import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { loadDemoData } from '../demoData';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('demo data', () => {
  it('loads bilingual companies, contacts, deals and activities once', async () => {
    const first = await loadDemoData(t.store.db, t.workspaceId, t.admin.id);
    expect(first.loaded).toBe(true);
    expect(first.counts.companies).toBeGreaterThanOrEqual(8);
    expect(first.counts.contacts).toBeGreaterThanOrEqual(10);
    expect(first.counts.deals).toBeGreaterThanOrEqual(6);
    expect(first.counts.activities).toBeGreaterThanOrEqual(30);
    const again = await loadDemoData(t.store.db, t.workspaceId, t.admin.id);
    expect(again.loaded).toBe(false);
    const companies = (await t.admin.client.get('/api/v1/objects/companies?limit=200')).json().data;
    expect(companies.length).toBe(first.counts.companies);
    expect(companies.some((c: { name: string }) => /\p{Script=Han}/u.test(c.name))).toBe(true);
    expect(companies.some((c: { name: string }) => /^[A-Za-z]/.test(c.name))).toBe(true);
  });

  it('is real data: searchable by pinyin, with timelines, rollups and deals in several stages', async () => {
    const zw = (await t.admin.client.get('/api/v1/objects/contacts?q=zhangwei')).json().data;
    expect(zw.map((c: { name: string }) => c.name)).toContain('张伟');
    const company = zw[0].companyId;
    const tl = (await t.admin.client.get(`/api/v1/objects/companies/${company}/timeline`)).json().data;
    expect(tl.filter((i: { kind: string }) => i.kind === 'activity').length).toBeGreaterThanOrEqual(3);
    const co = (await t.admin.client.get(`/api/v1/objects/companies/${company}`)).json();
    expect(co.lastActivityAt).toBeTruthy();
    expect(co.openDealCount).toBe(1);
    const deals = (await t.admin.client.get('/api/v1/objects/deals?limit=200')).json().data;
    expect(new Set(deals.map((d: { status: string }) => d.status))).toEqual(new Set(['open', 'won', 'lost']));
    expect(
      new Set(deals.map((d: { amount: { currency: string } }) => d.amount.currency)).size,
    ).toBeGreaterThan(2);
    const tasks = (await t.admin.client.get('/api/v1/objects/activities?type=task&doneAt[isEmpty]=1')).json()
      .data;
    expect(tasks.length).toBeGreaterThanOrEqual(5);
  });
});
