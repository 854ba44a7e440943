// Batches: up to 100 items in one transaction — all kept or none, with the failing item named.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { company, fieldsOf } from './factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const companies = async () =>
  Number(
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM companies WHERE workspace_id = ${t.workspaceId}`.execute(t.store.db)
    ).rows[0]!.n,
  );

describe('batch writes', () => {
  it('creates, updates and deletes in one call', async () => {
    const a = await company(t.admin.client, { name: 'Batch A' });
    const b = await company(t.admin.client, { name: 'Batch B' });
    const res = await t.admin.client.post('/api/v1/objects/companies/batch', {
      create: Array.from({ length: 50 }, (_, i) => ({ name: `Created ${i}` })),
      update: [{ id: a.id, ifMatch: 1, city: 'Wuhan' }],
      delete: [b.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.created.length).toBe(50);
    expect(body.updated[0]).toMatchObject({ id: a.id, city: 'Wuhan', version: 2 });
    expect(body.deleted).toEqual([b.id]);
  });

  it('keeps nothing when one item has a bad field, and names the item', async () => {
    const before = await companies();
    const res = await t.admin.client.post('/api/v1/objects/companies/batch', {
      create: [
        { name: 'Good' },
        { name: 'Bad', employees: 'many' },
        { name: 'Worse', domain: 'not a domain' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['create.1.employees', 'create.2.domain']);
    expect(await companies()).toBe(before);
    // A required field is found missing when its item is written; the earlier items go too.
    const missing = await t.admin.client.post('/api/v1/objects/companies/batch', {
      create: [{ name: 'Good' }, { city: 'No name' }],
    });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(['create.1.name']);
    expect(await companies()).toBe(before);
  });

  it('rolls back earlier writes when a later item fails in the database (409) or is stale (412)', async () => {
    const tagRes = await t.admin.client.post('/api/v1/objects/tags', { name: 'Taken' });
    expect(tagRes.statusCode).toBe(201);
    const tags = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM tags WHERE workspace_id = ${t.workspaceId}`.execute(t.store.db)
        ).rows[0]!.n,
      );
    const beforeTags = await tags();
    const dup = await t.admin.client.post('/api/v1/objects/tags/batch', {
      create: [{ name: 'Fresh' }, { name: 'taken' }],
    });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup)).toEqual(['create.1.name']);
    expect(await tags()).toBe(beforeTags);

    const c = await company(t.admin.client, { name: 'Stale target' });
    const before = await companies();
    const stale = await t.admin.client.post('/api/v1/objects/companies/batch', {
      create: [{ name: 'Would be created' }],
      update: [{ id: c.id, ifMatch: 7, city: 'Nope' }],
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().detail).toMatch(/^update\.0/);
    expect(await companies()).toBe(before);
    expect((await t.admin.client.get(`/api/v1/objects/companies/${c.id}`)).json().city).toBeNull();
  });

  it('refuses more than 100 items and an empty batch', async () => {
    const big = await t.admin.client.post('/api/v1/objects/companies/batch', {
      create: Array.from({ length: 60 }, (_, i) => ({ name: `x${i}` })),
      delete: Array.from({ length: 41 }, () => '00000000-0000-7000-8000-000000000000'),
    });
    expect(big.statusCode).toBe(400);
    expect((await t.admin.client.post('/api/v1/objects/companies/batch', {})).statusCode).toBe(400);
    expect((await t.admin.client.post('/api/v1/objects/companies/batch', { upsert: [] })).statusCode).toBe(
      400,
    );
  });

  it('answers 404 naming the item for an unknown id', async () => {
    const res = await t.admin.client.post('/api/v1/objects/companies/batch', {
      delete: ['00000000-0000-7000-8000-000000000000'],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/^delete\.0/);
  });
});
