// Creates are written as a set: the statements an import sends do not grow with its rows, rows of
// one file that describe the same person become one record, and a row the database refuses (a
// unique value taken, in the file or in the workspace) is reported while the rest of its set lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, type QueryCounter } from '../../../test/countQueries';
import { createTestApp, type TestApp } from '../../../test/harness';
import { upload } from './testing/upload';

type Rec = Record<string, unknown>;
let t: TestApp;
let counter: QueryCounter;
beforeAll(async () => {
  t = await createTestApp();
  counter = countQueries(t);
});
afterAll(async () => {
  await t?.close();
});

const contactsCsv = (n: number, tag: string) =>
  [
    'First Name,Last Name,Email,Phone,Job Title',
    ...Array.from(
      { length: n },
      (_, i) =>
        `P${i},${tag},${tag}.${i}@example.com,+86 139 ${String(i).padStart(4, '0')} ${tag.length}000,Buyer`,
    ),
  ].join('\n');

const find = async (object: string, query: string): Promise<Rec[]> =>
  (await t.admin.client.get(`/api/v1/objects/${object}?${query}&limit=200`)).json().data;

describe('set-based import', () => {
  it('sends as many statements for 300 new contacts as for 10', async () => {
    const run = async (n: number, tag: string) => {
      counter.n = 0;
      const res = await upload(t.admin.client, {
        object: 'contacts',
        file: { name: `${tag}.csv`, content: contactsCsv(n, tag) },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().counts).toEqual({ created: n, updated: 0, skipped: 0, failed: 0 });
      return counter.n;
    };
    // The first import also reads the object's metadata, which later requests keep (loadObject.ts).
    await run(3, 'warm');
    const small = await run(10, 'small');
    const big = await run(300, 'bigger');
    expect(big).toBe(small);
    expect((await find('contacts', 'lastName=bigger')).length).toBe(200);
  });

  it('makes one record of rows that describe the same person in one file', async () => {
    const csv = [
      'First Name,Last Name,Email,Phone,Job Title',
      'Ann,Lee,ann.lee@example.com,,',
      'Bo,Wu,,+86 138 0013 8000,',
      'ANN,Lee,Ann.Lee@EXAMPLE.com,,Manager',
      'Bo,Wu,,13800138000,Director',
    ].join('\n');
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'same.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts, res.body).toEqual({ created: 2, updated: 2, skipped: 0, failed: 0 });
    const ann = await find('contacts', 'lastName=Lee');
    expect(ann).toHaveLength(1);
    expect(ann[0]).toMatchObject({ email: 'ann.lee@example.com', title: 'Manager' });
    const bo = await find('contacts', 'lastName=Wu');
    expect(bo).toHaveLength(1);
    expect(bo[0]).toMatchObject({ title: 'Director' });
    // Created and then updated by one import: undo removes the record rather than restoring it.
    const undo = await t.admin.client.post(`/api/v1/imports/${res.json().id}/undo`);
    expect(undo.statusCode, undo.body).toBeLessThan(300);
    expect(await find('contacts', 'lastName=Lee')).toHaveLength(0);
    expect(await find('contacts', 'lastName=Wu')).toHaveLength(0);
  });

  it('reports rows whose unique value is taken and keeps the rest of the set', async () => {
    const f = await t.admin.client.post('/api/v1/schema/objects/companies/fields', {
      name: 'taxId',
      type: 'text',
      label: { en: 'Tax ID', 'zh-CN': '税号' },
      unique: true,
    });
    expect(f.statusCode, f.body).toBe(201);
    const old = await t.admin.client.post('/api/v1/objects/companies', { name: 'Old Co', taxId: 'T1' });
    expect(old.statusCode, old.body).toBe(201);
    const csv = [
      'Company name,Domain,Tax ID',
      'Alpha,alpha.example,T2',
      'Beta,beta.example,T2',
      'Gamma,gamma.example,T1',
      'Delta,delta.example,T3',
    ].join('\n');
    const res = await upload(t.admin.client, {
      object: 'companies',
      file: { name: 'companies.csv', content: csv },
      options: { mapping: { 'Company name': 'name', Domain: 'domain', 'Tax ID': 'taxId' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 2 });
    expect(body.errors.map((e: Rec) => [e.row, e.field, e.column])).toEqual([
      [3, 'taxId', 'Tax ID'],
      [4, 'taxId', 'Tax ID'],
    ]);
    expect(body.errors[0].message).toMatch(/unique/i);
    const names = (await find('companies', 'sort=name')).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Alpha', 'Delta', 'Old Co']));
    expect(names).not.toContain('Beta');
    expect(names).not.toContain('Gamma');
  });
});
