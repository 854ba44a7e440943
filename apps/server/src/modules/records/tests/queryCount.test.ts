// No N+1: a page of records with their related names (company, owner, contacts, stage, …) costs
// the same number of queries for 5 rows as for 100, on either store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { countQueries, type QueryCounter } from '../../../../test/countQueries';
import { company, contact } from './factories';

let t: TestApp;
let counter: QueryCounter;

beforeAll(async () => {
  t = await createTestApp();
  const c = t.admin.client;
  const rep = await t.createUser({ role: 'rep' });
  const tag = (await c.post('/api/v1/objects/tags', { name: 'Hot' })).json();
  for (let i = 0; i < 100; i++) {
    const co = await company(c, { name: `Company ${i}` });
    const person = await contact(c, { lastName: `Person ${i}`, companyId: co.id });
    const res = await c.post('/api/v1/objects/deals', {
      name: `Deal ${i}`,
      companyId: co.id,
      contactIds: [person.id],
      tagIds: [tag.id],
      ownerId: i % 2 ? rep.id : t.admin.id,
    });
    expect(res.statusCode).toBe(201);
  }
  counter = countQueries(t);
});
afterAll(async () => {
  await t?.close();
});

async function cost(url: string) {
  counter.n = 0;
  const res = await t.admin.client.get(url);
  expect(res.statusCode).toBe(200);
  return { n: counter.n, body: res.json() };
}

describe('query count', () => {
  it('lists 100 deals with company, owner, contact, stage and tag names in as many queries as 5', async () => {
    await cost('/api/v1/objects/deals?limit=1'); // metadata read once, then kept (loadObject.ts)
    const small = await cost('/api/v1/objects/deals?limit=5');
    const big = await cost('/api/v1/objects/deals?limit=100');
    expect(big.body.data.length).toBe(100);
    expect(
      big.body.data.every(
        (d: any) => d.related.companyId?.name && d.related.ownerId?.name && d.related.contactIds.length === 1,
      ),
    ).toBe(true);
    expect(small.n).toBeGreaterThan(2);
    expect(big.n).toBe(small.n);
  });

  it('lists contacts in three statements (the caller, the page with its tags, the names) once the object is known', async () => {
    const url = '/api/v1/objects/contacts?limit=50';
    const first = await cost(url);
    expect(first.body.data.length).toBe(50);
    expect(first.body.data.every((p: any) => Array.isArray(p.tagIds) && p.related.companyId?.name)).toBe(
      true,
    );
    // The object's metadata is read at most once, then kept under the workspace's schema version.
    expect(first.n).toBeLessThanOrEqual(4);
    expect((await cost(url)).n).toBe(3);

    // A change to the data model moves the version: the next list reads the metadata again and
    // has the new field; the one after is back to three.
    const added = await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
      name: 'shoeSize',
      type: 'number',
      label: { en: 'Shoe size', 'zh-CN': '鞋码' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = await cost(url);
    expect(after.n).toBe(4);
    expect(after.body.data[0]).toHaveProperty('shoeSize');
    expect((await cost(url)).n).toBe(3);

    // So does the workspace's currency, part of every object's metadata; its name is not.
    const renamed = await t.admin.client.patch('/api/v1/workspace', { name: 'Renamed' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await cost(url)).n).toBe(3);
    const usd = await t.admin.client.patch('/api/v1/workspace', { currency: 'USD' });
    expect(usd.statusCode, usd.body).toBe(200);
    expect((await cost(url)).n).toBe(4);
    expect((await cost(url)).n).toBe(3);
  });

  it('reads a company timeline page in as many queries whatever its length', async () => {
    const c = t.admin.client;
    const co = await company(c, { name: 'Busy Co' });
    for (let i = 0; i < 30; i++) {
      const person = await contact(c, { lastName: `Busy ${i}`, companyId: co.id });
      await c.post('/api/v1/objects/activities', {
        type: 'call',
        relatedTo: [{ object: 'contacts', id: person.id }],
      });
    }
    await cost(`/api/v1/objects/companies/${co.id}/timeline?limit=1`); // metadata kept from here on
    const short = await cost(`/api/v1/objects/companies/${co.id}/timeline?limit=5`);
    const long = await cost(`/api/v1/objects/companies/${co.id}/timeline?limit=60`);
    expect(long.body.data.length).toBe(60);
    expect(short.n).toBeGreaterThan(2);
    expect(long.n).toBe(short.n);
  });
});
