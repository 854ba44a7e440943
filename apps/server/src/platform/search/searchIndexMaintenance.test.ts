import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { loadJobDefinitions } from '../jobs/background';
import { maintainSearchIndexes, SEARCH_MAINTENANCE_JOB } from './searchIndexMaintenance';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('search index maintenance', () => {
  it('merges the pending lists of the indexes written to and analyzes their tables, then has nothing to do', async () => {
    // Fewer rows than autovacuum's analyze threshold (50), so on PostgreSQL it cannot get there first.
    const res = await t.admin.client.post('/api/v1/objects/contacts/batch', {
      create: Array.from({ length: 20 }, (_, i) => ({ firstName: `Pending${i}`, lastName: '王' })),
    });
    expect(res.statusCode, res.body).toBe(200);

    const first = await maintainSearchIndexes(t.store.db);
    expect(first.pendingPagesMerged.contacts_search_idx).toBeGreaterThan(0);
    expect(first.analyzed).toContain('contacts');
    // Every searchable table's index is looked after, whether or not it was written to.
    for (const table of ['companies', 'contacts', 'leads', 'deals', 'records']) {
      expect(Object.keys(first.pendingPagesMerged)).toContain(`${table}_search_idx`);
    }

    const second = await maintainSearchIndexes(t.store.db);
    expect(Object.values(second.pendingPagesMerged).every((pages) => pages === 0)).toBe(true);

    // The merged rows are still found.
    const found = await t.admin.client.get('/api/v1/search?q=pending7');
    expect(found.json().data.map((h: { title: string }) => h.title)).toContain('王Pending7');
  });

  it('runs hourly as a registered job', async () => {
    const defs = await loadJobDefinitions();
    const def = defs.find((d) => d.name === SEARCH_MAINTENANCE_JOB);
    expect(def?.schedule?.cron).toBe('23 * * * *');
  });
});
