// A role that hides a field must not be able to find records by that field's value: not through a
// list's `q`, not through global search (typo matching included), not through the board's totals.
// What the role sees still finds the record, pinyin included.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness';
import { newId } from '../../platform/ids';

let t: TestApp;
let admin: Client;
let reader: Client;
const ids: Record<string, string> = {};
const tag = `hx${Date.now().toString(36)}`;

async function create(object: string, body: Record<string, unknown>): Promise<string> {
  const res = await admin.post(`/api/v1/objects/${object}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const listIds = async (c: Client, object: string, q: string) => {
  const res = await c.get(`/api/v1/objects/${object}?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json().data.map((r: { id: string }) => r.id);
};
const searchIds = async (c: Client, q: string) => {
  const res = await c.get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json().data.map((r: { id: string }) => r.id);
};

beforeAll(async () => {
  t = await createTestApp();
  admin = t.admin.client;
  const def = await admin.post('/api/v1/schema/objects', {
    name: 'vaults',
    label: { en: 'Vault', 'zh-CN': '保险库' },
    pluralLabel: { en: 'Vaults', 'zh-CN': '保险库' },
  });
  expect(def.statusCode, def.body).toBe(201);
  const field = await admin.post('/api/v1/schema/objects/vaults/fields', {
    name: 'combination',
    type: 'text',
    label: { en: 'Combination', 'zh-CN': '密码' },
    searchable: true,
  });
  expect(field.statusCode, field.body).toBe(201);

  await sql`INSERT INTO roles (workspace_id, id, key, name, permissions) VALUES (${t.workspaceId}, ${newId()}, 'nocontactinfo', 'No contact details',
    ${JSON.stringify({
      objects: { '*': { read: 'all', create: 'none', update: 'none', delete: 'none' } },
      fields: {
        contacts: { phone: 'hidden', email: 'hidden', city: 'hidden' },
        deals: { name: 'readOnly' },
        vaults: { combination: 'hidden' },
      },
      capabilities: [],
    })}::jsonb)`.execute(t.store.db);
  reader = (await t.createUser({ role: 'nocontactinfo' })).client;

  ids.zhang = await create('contacts', {
    firstName: '伟',
    lastName: '张',
    email: `secret.${tag}@hidden.example`,
    phone: '+8613800138000',
    city: '杭州',
    title: `Buyer ${tag}`,
  });
  ids.li = await create('contacts', {
    firstName: '娜',
    lastName: '李',
    phone: '+8613900139000',
    title: `Chef ${tag}`,
  });
  // His name is also in her (hidden) email: the name still finds her.
  ids.agent = await create('contacts', {
    firstName: 'Agent',
    lastName: `Smith${tag}`,
    email: `agent.smith${tag}@hidden.example`,
  });
  ids.vault = await create('vaults', { name: `Vault ${tag}`, combination: `K9Z7Q3${tag}` });
});
afterAll(async () => {
  await t?.close();
});

describe('search with hidden fields', () => {
  it('lets the admin find the contact by phone, email and pinyin', async () => {
    expect(await listIds(admin, 'contacts', '13800138000')).toEqual([ids.zhang]);
    expect(await listIds(admin, 'contacts', `secret.${tag}`)).toEqual([ids.zhang]);
    expect(await searchIds(admin, '13800138000')).toContain(ids.zhang);
    expect(await searchIds(admin, `K9Z7Q3${tag}`)).toEqual([ids.vault]);
  });

  it('does not find a contact by a hidden phone or email in a list, in any written form', async () => {
    for (const q of [
      '13800138000',
      '+86 138 0013 8000',
      '8613800138000',
      `secret.${tag}`,
      `secret${tag}`,
      'hidden.example',
    ])
      expect(await listIds(reader, 'contacts', q), q).toEqual([]);
  });

  it('does not find it through global search either, nor by a near miss on the hidden value', async () => {
    for (const q of [
      '13800138000',
      '13800138001',
      `secret.${tag}@hidden.example`,
      `K9Z7Q3${tag}`,
      `K9Z7Q4${tag}`,
    ])
      expect(await searchIds(reader, q), q).not.toContain(ids.zhang);
    expect(await searchIds(reader, `K9Z7Q3${tag}`)).not.toContain(ids.vault);
  });

  it('does not find it by a hidden Chinese value typed in pinyin or in characters', async () => {
    expect(await listIds(reader, 'contacts', '杭州')).toEqual([]);
    expect(await listIds(reader, 'contacts', 'hangzhou')).toEqual([]);
    expect(await searchIds(reader, 'hangzhou')).not.toContain(ids.zhang);
  });

  it('still finds records by what the role sees, pinyin included', async () => {
    expect(await listIds(reader, 'contacts', '张伟')).toEqual([ids.zhang]);
    expect(await listIds(reader, 'contacts', `buyer ${tag}`)).toEqual([ids.zhang]);
    expect(await searchIds(reader, `buyer ${tag}`)).toContain(ids.zhang);
    // Pinyin of a visible name, while the hidden values are plain ASCII (see the note in
    // records/query/hiddenSearch.ts for hidden Chinese values).
    expect(await searchIds(reader, `lina chef ${tag}`)).toContain(ids.li);
    expect(await listIds(reader, 'contacts', 'lina')).toEqual([ids.li]);
    expect(await listIds(reader, 'contacts', '13900139000')).toEqual([]);
    expect(await listIds(reader, 'contacts', `smith${tag}`)).toEqual([ids.agent]);
    expect(await searchIds(reader, `agent smith${tag}`)).toContain(ids.agent);
    expect(await searchIds(reader, `vault ${tag}`)).toEqual([ids.vault]);
  });

  it('keeps a hostile query a plain search', async () => {
    for (const q of ["13800138000' OR 1=1 --", '%', '\\x01', '[^a-z]'])
      expect(
        (await reader.get(`/api/v1/objects/contacts?q=${encodeURIComponent(q)}`)).statusCode,
        q,
      ).toBeLessThan(500);
    expect(await listIds(reader, 'contacts', "13800138000' OR 1=1 --")).toEqual([]);
  });
});
