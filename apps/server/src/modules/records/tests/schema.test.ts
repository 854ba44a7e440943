// Metadata: objects and fields with labels in both languages, custom fields of every type with
// unique and indexed flags backed by real indexes, edits and retirement, custom objects.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { fieldsOf, make } from './factories';

let t: TestApp;
let rep: TestUser;
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const indexes = async (table: string) =>
  (
    await sql<{
      indexname: string;
      indexdef: string;
    }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ${table}`.execute(t.store.db)
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
});
afterAll(async () => {
  await t?.close();
});

describe('schema', () => {
  it('lists the standard objects with bilingual labels, options and per-caller readOnly', async () => {
    const res = await t.admin.client.get('/api/v1/schema/objects');
    expect(res.statusCode).toBe(200);
    const objects = res.json().data;
    const names = objects.map((o: { name: string }) => o.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'companies',
        'contacts',
        'leads',
        'deals',
        'activities',
        'commitments',
        'tags',
      ]),
    );
    const deals = objects.find((o: { name: string }) => o.name === 'deals');
    expect(deals.label).toEqual({ en: 'Deal', 'zh-CN': '商机' });
    const status = deals.fields.find((f: { name: string }) => f.name === 'status');
    expect(status).toMatchObject({ type: 'select', readOnly: true });
    expect(status.options[1]).toEqual({ value: 'won', label: { en: 'Won', 'zh-CN': '赢单' } });
    for (const o of objects)
      for (const f of o.fields) expect(f.label['zh-CN'], `${o.name}.${f.name}`).toBeTruthy();
    const one = await t.admin.client.get('/api/v1/schema/objects/contacts');
    expect(one.json().fields.find((f: { name: string }) => f.name === 'socialProfiles').type).toBe(
      'socialProfiles',
    );
    expect((await t.admin.client.get('/api/v1/schema/objects/nope')).statusCode).toBe(404);
  });

  it('lets only admins change the schema', async () => {
    const res = await rep.client.post('/api/v1/schema/objects/contacts/fields', {
      name: 'x',
      type: 'text',
      label: label('X', 'X'),
    });
    expect(res.statusCode).toBe(403);
    expect(
      (
        await rep.client.post('/api/v1/schema/objects', {
          name: 'x',
          label: label('X', 'X'),
          pluralLabel: label('X', 'X'),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('adds a unique custom field backed by a unique index: duplicates answer 409 naming the field', async () => {
    const f = await t.admin.client.post('/api/v1/schema/objects/companies/fields', {
      name: 'taxId',
      type: 'text',
      label: label('Tax ID', '税号'),
      unique: true,
    });
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({
      name: 'taxId',
      unique: true,
      custom: true,
      label: { en: 'Tax ID', 'zh-CN': '税号' },
    });
    expect(
      (await indexes('companies')).some(
        (i) => i.indexdef.includes('UNIQUE') && i.indexdef.includes("'taxId'"),
      ),
    ).toBe(true);
    await make(t.admin.client, 'companies', { name: 'One', taxId: '91310000X' });
    const dup = await t.admin.client.post('/api/v1/objects/companies', { name: 'Two', taxId: '91310000X' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup)).toEqual(['taxId']);
    const two = await make(t.admin.client, 'companies', { name: 'Two', taxId: '91310000Y' });
    const upd = await t.admin.client.patch(`/api/v1/objects/companies/${two.id}`, { taxId: '91310000X' });
    expect(upd.statusCode).toBe(409);
    // A deleted record releases its value.
    const one = (await t.admin.client.get('/api/v1/objects/companies?taxId=91310000X')).json().data[0];
    await t.admin.client.delete(`/api/v1/objects/companies/${one.id}`);
    expect(
      (await t.admin.client.patch(`/api/v1/objects/companies/${two.id}`, { taxId: '91310000X' })).statusCode,
    ).toBe(200);
    // Restoring the first would collide again.
    const restore = await t.admin.client.post(`/api/v1/objects/companies/${one.id}/restore`);
    expect(restore.statusCode).toBe(409);
    expect(fieldsOf(restore)).toEqual(['taxId']);
  });

  it('refuses to make a field unique while the data has duplicates', async () => {
    await t.admin.client.post('/api/v1/schema/objects/companies/fields', {
      name: 'region',
      type: 'text',
      label: label('Region', '区域'),
    });
    await make(t.admin.client, 'companies', { name: 'R1', region: 'East' });
    await make(t.admin.client, 'companies', { name: 'R2', region: 'East' });
    const res = await t.admin.client.patch('/api/v1/schema/objects/companies/fields/region', {
      unique: true,
    });
    expect(res.statusCode).toBe(409);
    const ok = await t.admin.client.patch('/api/v1/schema/objects/companies/fields/region', {
      indexed: true,
      label: label('Sales region', '销售区域'),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ indexed: true, unique: false, label: { en: 'Sales region' } });
    expect(
      (await indexes('companies')).some(
        (i) => !i.indexdef.includes('UNIQUE') && i.indexdef.includes("'region'"),
      ),
    ).toBe(true);
  });

  it('validates field definitions', async () => {
    const post = (b: Record<string, unknown>) =>
      t.admin.client.post('/api/v1/schema/objects/contacts/fields', b);
    expect(fieldsOf(await post({ name: 'Bad Name', type: 'text', label: label('x', 'x') }))).toEqual([
      'name',
    ]);
    expect(fieldsOf(await post({ name: 'x', type: 'blob', label: label('x', 'x') }))).toEqual(['type']);
    expect(fieldsOf(await post({ name: 'x', type: 'select', label: label('x', 'x') }))).toEqual(['options']);
    expect(fieldsOf(await post({ name: 'x', type: 'relation', label: label('x', 'x') }))).toEqual([
      'relation',
    ]);
    expect(
      fieldsOf(
        await post({ name: 'x', type: 'relation', label: label('x', 'x'), relation: { object: 'planets' } }),
      ),
    ).toEqual(['relation.object']);
    expect(
      fieldsOf(await post({ name: 'x', type: 'boolean', label: label('x', 'x'), unique: true })),
    ).toEqual(['unique']);
    expect(fieldsOf(await post({ name: 'x', type: 'text', label: { 'zh-CN': '仅中文' } }))).toEqual([
      'label.en',
    ]);
    const taken = await post({ name: 'email', type: 'text', label: label('x', 'x') });
    expect(taken.statusCode).toBe(409);
    const reserved = await post({ name: 'ownerId', type: 'text', label: label('x', 'x') });
    expect(reserved.statusCode).toBe(409);
  });

  it('retires a custom field keeping its values, and brings it back', async () => {
    await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
      name: 'shoeSize',
      type: 'number',
      label: label('Shoe size', '鞋码'),
      indexed: true,
    });
    const c = await make(t.admin.client, 'contacts', { lastName: 'Feet', shoeSize: 44 });
    expect((await t.admin.client.delete('/api/v1/schema/objects/contacts/fields/shoeSize')).statusCode).toBe(
      204,
    );
    const gone = (await t.admin.client.get(`/api/v1/objects/contacts/${c.id}`)).json();
    expect(gone.shoeSize).toBeUndefined();
    expect(
      (await t.admin.client.post('/api/v1/objects/contacts', { lastName: 'x', shoeSize: 1 })).statusCode,
    ).toBe(400);
    // Editing another field of the record keeps the retired value in storage.
    await t.admin.client.patch(`/api/v1/objects/contacts/${c.id}`, { title: 'Runner' });
    expect((await indexes('contacts')).some((i) => i.indexdef.includes("'shoeSize'"))).toBe(false);
    const again = await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
      name: 'shoeSize',
      type: 'number',
      label: label('x', 'x'),
    });
    expect(again.statusCode).toBe(409);
    const back = await t.admin.client.patch('/api/v1/schema/objects/contacts/fields/shoeSize', {
      retired: false,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${c.id}`)).json().shoeSize).toBe(44);
    expect((await t.admin.client.delete('/api/v1/schema/objects/contacts/fields/email')).statusCode).toBe(
      422,
    );
  });

  it('creates a custom object reached like any other, with custom fields and relations', async () => {
    const o = await t.admin.client.post('/api/v1/schema/objects', {
      name: 'contracts',
      label: label('Contract', '合同'),
      pluralLabel: label('Contracts', '合同'),
    });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json()).toMatchObject({ name: 'contracts', custom: true, label: { 'zh-CN': '合同' } });
    expect(
      (
        await t.admin.client.post('/api/v1/schema/objects', {
          name: 'contracts',
          label: label('x', 'x'),
          pluralLabel: label('x', 'x'),
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await t.admin.client.post('/api/v1/schema/objects', {
          name: 'deals',
          label: label('x', 'x'),
          pluralLabel: label('x', 'x'),
        })
      ).statusCode,
    ).toBe(409);
    for (const f of [
      { name: 'endsOn', type: 'date', label: label('Ends on', '到期日'), indexed: true },
      { name: 'value', type: 'money', label: label('Value', '金额') },
      {
        name: 'account',
        type: 'relation',
        label: label('Account', '客户'),
        relation: { object: 'companies' },
      },
      {
        name: 'contractNo',
        type: 'text',
        label: label('Number', '合同编号'),
        unique: true,
        searchable: true,
      },
    ]) {
      const r = await t.admin.client.post('/api/v1/schema/objects/contracts/fields', f);
      expect(r.statusCode, r.body).toBe(201);
    }
    const acme = await make(t.admin.client, 'companies', { name: 'Contract Holder Inc' });
    const k = await make(t.admin.client, 'contracts', {
      name: 'Support 2026',
      endsOn: '2026-12-31',
      value: { amount: '12000', currency: 'CNY' },
      account: acme.id,
      contractNo: 'HT-2026-001',
    });
    expect(k).toMatchObject({
      object: 'contracts',
      endsOn: '2026-12-31',
      related: { account: { name: 'Contract Holder Inc' } },
    });
    const dup = await t.admin.client.post('/api/v1/objects/contracts', {
      name: 'Dup',
      contractNo: 'HT-2026-001',
    });
    expect(dup.statusCode).toBe(409);
    const list = await t.admin.client.post('/api/v1/objects/contracts/search', {
      filters: [
        { field: 'endsOn', op: 'lte', value: '2027-01-01' },
        { field: 'account.name', op: 'startsWith', value: 'Contract' },
      ],
      sort: [{ field: 'endsOn', direction: 'asc' }],
    });
    expect(list.json().data.map((r: { id: string }) => r.id)).toEqual([k.id]);
    expect((await t.admin.client.get('/api/v1/objects/contracts?q=HT-2026')).json().data.length).toBe(1);
    const relabel = await t.admin.client.patch('/api/v1/schema/objects/contracts', {
      label: label('Agreement', '协议'),
    });
    expect(relabel.json().label).toEqual({ en: 'Agreement', 'zh-CN': '协议' });
    // A custom object is an object of its own: its records never show up under another.
    expect((await t.admin.client.get(`/api/v1/objects/companies/${k.id}`)).statusCode).toBe(404);
    expect((await t.admin.client.delete('/api/v1/schema/objects/contracts')).statusCode).toBe(204);
    expect((await t.admin.client.get(`/api/v1/objects/contracts/${k.id}`)).statusCode).toBe(404);
    expect((await t.admin.client.delete('/api/v1/schema/objects/deals')).statusCode).toBe(422);
  });
});
