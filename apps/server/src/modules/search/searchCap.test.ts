// Search ranks at most CANDIDATES matching rows per object, so a surname shared by thousands of
// contacts stays fast. What the cap must not cost: the exact hit for a query with a typo-tolerant
// pass, when the near misses alone are more than the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { upload, waitForImport } from '../imports/testing/upload';
import { CANDIDATES } from './globalSearch';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const rows = ['First Name,Last Name,Email'];
  for (let i = 0; i < CANDIDATES + 100; i++) rows.push(`P${i},Kowalczik,p${i}@near.example`);
  rows.push('Anna,Kowalczyk,anna@exact.example');
  const res = await upload(t.admin.client, {
    object: 'contacts',
    file: { name: 'near.csv', content: rows.join('\n') },
  });
  expect(res.statusCode, res.body).toBe(202);
  const done = await waitForImport(t.admin.client, res.json().id);
  expect(done.counts.created, JSON.stringify(done.errors)).toBe(CANDIDATES + 101);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const search = async (q: string) => {
  const res = await t.admin.client.get(`/api/v1/search?limit=20&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { title: string; score: number }[];
};

describe('search over more matches than it ranks', () => {
  it('fills a page from a surname shared by more contacts than the cap', async () => {
    const hits = await search('kowalczik');
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.title.endsWith('Kowalczik'))).toBe(true);
  });

  it('keeps the one exact hit first although its near misses exceed the cap', async () => {
    const hits = await search('kowalczyk');
    expect(hits[0]!.title).toBe('Anna Kowalczyk');
    expect(hits.length).toBe(20);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });
});
