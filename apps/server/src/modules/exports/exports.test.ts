// Exports: list views as CSV/XLSX/vCard (filtered like the list, formulas neutralised, readable
// back), a contact's vCard, and the whole-workspace archive.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { xlsxRows } from '../../platform/files/xlsxRows';
import { upload } from '../imports/testing/upload';
import { parseVcards } from '../vcard/parseVcard';
import { vcardToColumns } from '../vcard/vcardColumns';

let t: TestApp;
let companyId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-exports-'));
beforeAll(async () => {
  t = await createTestApp();
  companyId = (await t.admin.client.post('/api/v1/objects/companies', { name: '云帆科技' })).json().id;
  const people = [
    {
      firstName: '伟',
      lastName: '张',
      email: 'zw@example.cn',
      phone: '+8613800138000',
      companyId,
      title: '=HYPERLINK("http://evil.example","Click")',
    },
    {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      title: 'Countess',
      birthday: '1815-12-10',
    },
    { firstName: 'Bob', lastName: 'Other', email: 'bob@example.com', title: '@SUM(A1)' },
  ];
  for (const p of people)
    expect((await t.admin.client.post('/api/v1/objects/contacts', p)).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('list export', () => {
  it('streams CSV with the list filters, labels as headers and formulas neutralised', async () => {
    const res = await t.admin.client.get(
      '/api/v1/objects/contacts/export?format=csv&sort=lastName&email[in]=zw@example.cn,ada@example.com',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=.*\.csv/);
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('First name');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(lines[2]).toContain('云帆科技');
    expect(text).not.toContain('bob@example.com');
  });

  it('exports XLSX that reads back, neutralised too, and re-imports without duplicates', async () => {
    const res = await t.admin.client.get('/api/v1/objects/contacts/export?format=xlsx&sort=lastName');
    expect(res.statusCode, res.body).toBe(200);
    const file = path.join(dir, 'c.xlsx');
    fs.writeFileSync(file, res.rawPayload);
    const rows = [];
    for await (const r of xlsxRows(file)) rows.push(r.cells);
    const header = rows[0]!;
    const title = header.indexOf('Job title');
    expect(rows.map((r) => r[title]).slice(1)).toEqual([
      'Countess',
      "'@SUM(A1)",
      `'=HYPERLINK("http://evil.example","Click")`,
    ]);
    const again = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'c.xlsx', content: res.rawPayload },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().counts).toMatchObject({ created: 0, failed: 0 });
    expect((await t.admin.client.get('/api/v1/objects/contacts?limit=50')).json().data).toHaveLength(3);
  });

  it('exports contacts as vCards, one and all', async () => {
    const list = await t.admin.client.get('/api/v1/objects/contacts/export?format=vcard&sort=lastName');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.headers['content-type']).toMatch(/text\/vcard/);
    const cards = parseVcards(list.body).map((c) => vcardToColumns(c));
    expect(cards.map((c) => c.email)).toEqual(['ada@example.com', 'bob@example.com', 'zw@example.cn']);
    expect(cards[2]).toMatchObject({
      fullName: '张伟',
      company: '云帆科技',
      phone: 'tel:+8613800138000'.slice(4),
    });
    const zw = (await t.admin.client.get('/api/v1/objects/contacts?email=zw@example.cn')).json().data[0];
    const one = await t.admin.client.get(`/api/v1/objects/contacts/${zw.id}/vcard`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.body).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\nUID:urn:uuid:/);
    expect(
      (await t.admin.client.get('/api/v1/objects/contacts/00000000-0000-7000-8000-000000000000/vcard'))
        .statusCode,
    ).toBe(404);
    // The contact routes of the record engine still answer beside these.
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${zw.id}`)).statusCode).toBe(200);
  });

  it('takes the list\'s filter tree, "or" groups included, as the filters parameter', async () => {
    const filters = [
      {
        or: [
          { field: 'lastName', op: 'eq', value: 'Lovelace' },
          { field: 'email', op: 'eq', value: 'BOB@example.com' },
        ],
      },
      { field: 'title', op: 'isNotEmpty' },
    ];
    const res = await t.admin.client.get(
      `/api/v1/objects/contacts/export?format=csv&headers=names&sort=lastName&filters=${encodeURIComponent(JSON.stringify(filters))}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Lovelace');
    expect(lines[2]).toContain('Other');
    // The list finds exactly the same contacts.
    const list = await t.admin.client.post('/api/v1/objects/contacts/search', { filters, total: 'exact' });
    expect(list.json().total).toBe(2);
    // A flat key is AND-ed with the tree.
    const both = await t.admin.client.get(
      `/api/v1/objects/contacts/export?format=csv&firstName=Ada&filters=${encodeURIComponent(JSON.stringify(filters))}`,
    );
    expect(both.rawPayload.toString('utf8').slice(1).trim().split('\r\n')).toHaveLength(2);
  });

  it('answers a malformed or unknown filter in the tree with a 400 naming it, before streaming', async () => {
    const get = (filters: string) =>
      t.admin.client.get(`/api/v1/objects/contacts/export?filters=${encodeURIComponent(filters)}`);
    const cases: [string, string][] = [
      ['[{"or":[{"field":"shoeSize","op":"eq","value":3}]}]', 'shoeSize'],
      ['[{"field":"email","op":"sounds like","value":"x"}]', 'filters.0.op'],
      ['{"field":"email"}', 'filters'],
      ['not json', 'filters'],
      [JSON.stringify(Array.from({ length: 51 }, () => ({ field: 'email', op: 'isEmpty' }))), 'filters'],
    ];
    for (const [filters, field] of cases) {
      const res = await get(filters);
      expect(res.statusCode, `${filters}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors), filters).toContain(field);
    }
  });

  it('refuses bad formats and filters with a 400, and users without export rights with a 403', async () => {
    expect((await t.admin.client.get('/api/v1/objects/contacts/export?format=pdf')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/objects/deals/export?format=vcard')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/objects/contacts/export?shoeSize=3')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/v1/objects/nothing/export')).statusCode).toBe(404);
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get('/api/v1/objects/contacts/export')).statusCode).toBe(403);
  });
});

describe('workspace archive', () => {
  it('builds a zip with a CSV and a JSON Lines file per object, the schema and the users', async () => {
    const start = await t.admin.client.post('/api/v1/exports', {});
    expect(start.statusCode, start.body).toBe(202);
    let state = start.json();
    const deadline = Date.now() + 60_000;
    while (state.status !== 'completed' && state.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await t.admin.client.get(`/api/v1/exports/${state.id}`)).json();
    }
    expect(state).toMatchObject({ status: 'completed', counts: { contacts: 3, companies: 1 } });
    const zip = await t.admin.client.get(state.downloadUrl);
    expect(zip.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(zip.rawPayload));
    for (const f of [
      'contacts.csv',
      'contacts.jsonl',
      'companies.csv',
      'deals.jsonl',
      'schema.json',
      'users.jsonl',
      'users.csv',
      'pipelines.jsonl',
      'manifest.json',
    ])
      expect(Object.keys(files)).toContain(f);
    const contacts = strFromU8(files['contacts.jsonl']!)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(contacts.map((c) => c.email).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
      'zw@example.cn',
    ]);
    expect(strFromU8(files['contacts.csv']!)).toContain(`'=HYPERLINK`);
    const users = strFromU8(files['users.jsonl']!);
    expect(users).toContain(t.admin.email);
    expect(users).not.toMatch(/password|argon/i);
    const rep = await t.createUser({ role: 'manager' });
    expect((await rep.client.post('/api/v1/exports', {})).statusCode).toBe(403);
  });
});
