// No N+1: a page of records with their related names (company, owner, contacts, stage, …) costs
// the same number of queries for 5 rows as for 100, on either store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { company, contact } from './factories';

let t: TestApp;
let queries = 0;

/** Counts every statement the app sends, whichever driver the store uses. */
function countQueries(app: TestApp) {
  const store = app.store;
  if (store.pglite) {
    const pg = store.pglite;
    for (const m of ['query', 'exec'] as const) {
      const orig = pg[m].bind(pg) as (...a: unknown[]) => Promise<unknown>;
      (pg as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        queries++;
        return orig(...a);
      };
    }
  } else {
    const pool = store.pool!;
    const connect = pool.connect.bind(pool) as () => Promise<{ query: (...a: unknown[]) => unknown }>;
    (pool as unknown as { connect: unknown }).connect = async () => {
      const client = await connect();
      const q = client.query as (...a: unknown[]) => unknown & { __counted?: boolean };
      if (!(client as unknown as { __counted?: boolean }).__counted) {
        (client as unknown as { __counted: boolean }).__counted = true;
        client.query = (...a: unknown[]) => {
          queries++;
          return q.apply(client, a);
        };
      }
      return client;
    };
  }
}

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
  countQueries(t);
});
afterAll(async () => {
  await t?.close();
});

async function cost(url: string) {
  queries = 0;
  const res = await t.admin.client.get(url);
  expect(res.statusCode).toBe(200);
  return { n: queries, body: res.json() };
}

describe('query count', () => {
  it('lists 100 deals with company, owner, contact, stage and tag names in as many queries as 5', async () => {
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
    const short = await cost(`/api/v1/objects/companies/${co.id}/timeline?limit=5`);
    const long = await cost(`/api/v1/objects/companies/${co.id}/timeline?limit=60`);
    expect(long.body.data.length).toBe(60);
    expect(short.n).toBeGreaterThan(2);
    expect(long.n).toBe(short.n);
  });
});
