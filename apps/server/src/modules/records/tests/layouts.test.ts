// Page layouts: PUT /schema/objects/{object}/layout saves the record page's sections and the object
// metadata carries them back as `layout`, per caller (hidden fields left out); only manageSchema
// may change them, every field must exist and be visible, and hostile bodies are refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { newId } from '../../../platform/ids';

let t: TestApp;
let rep: TestUser;
let auditor: TestUser;
const label = (en: string, zh: string) => ({ en, 'zh-CN': zh });
const url = (object: string) => `/api/v1/schema/objects/${object}/layout`;
const contactsLayout = {
  sections: [
    { label: label('Who', '联系人'), fields: ['firstName', 'lastName', 'email'] },
    { label: label('Where', '地址'), fields: ['city', 'phone'] },
  ],
};

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
  await sql`INSERT INTO roles (workspace_id, id, key, name, permissions) VALUES (${t.workspaceId}, ${newId()}, 'auditor', 'Auditor',
    ${JSON.stringify({
      objects: { '*': { read: 'all', create: 'none', update: 'none', delete: 'none' } },
      fields: { contacts: { email: 'hidden' } },
      capabilities: [],
    })}::jsonb)`.execute(t.store.db);
  auditor = await t.createUser({ role: 'auditor' });
});
afterAll(async () => {
  await t?.close();
});

describe('page layouts', () => {
  it('has no layout until one is saved', async () => {
    const one = await t.admin.client.get('/api/v1/schema/objects/companies');
    expect(one.statusCode).toBe(200);
    expect(one.json().layout).toBeNull();
    const all = (await t.admin.client.get('/api/v1/schema/objects')).json().data;
    for (const o of all) expect(o.layout, o.name).toBeNull();
  });

  it('saves a layout and reads it back from one object and from the list', async () => {
    const put = await t.admin.client.put(url('contacts'), contactsLayout);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(contactsLayout);
    const one = (await t.admin.client.get('/api/v1/schema/objects/contacts')).json();
    expect(one.layout).toEqual(contactsLayout);
    const listed = (await t.admin.client.get('/api/v1/schema/objects')).json().data;
    expect(listed.find((o: { name: string }) => o.name === 'contacts').layout).toEqual(contactsLayout);
    expect(listed.find((o: { name: string }) => o.name === 'deals').layout).toBeNull();
  });

  it('replaces the whole layout on the next save, fills a missing Chinese label, and allows none', async () => {
    const res = await t.admin.client.put(url('contacts'), {
      sections: [{ label: { en: 'Only' }, fields: ['lastName'] }],
    });
    expect(res.statusCode).toBe(200);
    const one = (await t.admin.client.get('/api/v1/schema/objects/contacts')).json();
    expect(one.layout).toEqual({ sections: [{ label: label('Only', 'Only'), fields: ['lastName'] }] });
    expect((await t.admin.client.put(url('contacts'), { sections: [] })).statusCode).toBe(200);
    expect((await t.admin.client.get('/api/v1/schema/objects/contacts')).json().layout).toEqual({
      sections: [],
    });
    expect((await t.admin.client.put(url('contacts'), contactsLayout)).statusCode).toBe(200);
  });

  it('works for custom objects and their custom fields', async () => {
    const obj = await t.admin.client.post('/api/v1/schema/objects', {
      name: 'projects',
      label: label('Project', '项目'),
      pluralLabel: label('Projects', '项目'),
    });
    expect(obj.statusCode).toBe(201);
    const field = await t.admin.client.post('/api/v1/schema/objects/projects/fields', {
      name: 'budget',
      type: 'number',
      label: label('Budget', '预算'),
    });
    expect(field.statusCode).toBe(201);
    const layout = { sections: [{ label: label('Money', '金额'), fields: ['budget', 'name'] }] };
    expect((await t.admin.client.put(url('projects'), layout)).statusCode).toBe(200);
    expect((await t.admin.client.get('/api/v1/schema/objects/projects')).json().layout).toEqual(layout);
    // A retired field drops out of the sections it was in.
    expect((await t.admin.client.delete('/api/v1/schema/objects/projects/fields/budget')).statusCode).toBe(
      204,
    );
    expect((await t.admin.client.get('/api/v1/schema/objects/projects')).json().layout).toEqual({
      sections: [{ label: label('Money', '金额'), fields: ['name'] }],
    });
  });

  it('leaves fields the caller may not see out of the sections', async () => {
    const seen = (await auditor.client.get('/api/v1/schema/objects/contacts')).json();
    expect(seen.layout.sections[0]).toEqual({
      label: label('Who', '联系人'),
      fields: ['firstName', 'lastName'],
    });
    const listed = (await auditor.client.get('/api/v1/schema/objects')).json().data;
    expect(listed.find((o: { name: string }) => o.name === 'contacts').layout.sections[0].fields).toEqual([
      'firstName',
      'lastName',
    ]);
    // The rep sees the saved layout in full.
    expect((await rep.client.get('/api/v1/schema/objects/contacts')).json().layout).toEqual(contactsLayout);
  });

  it('refuses a rep (403) and leaves the layout as it was', async () => {
    const res = await rep.client.put(url('contacts'), { sections: [] });
    expect(res.statusCode).toBe(403);
    expect((await auditor.client.put(url('contacts'), { sections: [] })).statusCode).toBe(403);
    expect((await t.admin.client.get('/api/v1/schema/objects/contacts')).json().layout).toEqual(
      contactsLayout,
    );
  });

  it('refuses a field that does not exist on the object (400 naming it)', async () => {
    const res = await t.admin.client.put(url('contacts'), {
      sections: [{ label: label('A', '甲'), fields: ['firstName', 'dealValue'] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'sections.0.fields.1', message: expect.stringContaining('dealValue') },
    ]);
    // A field of another object is not a field of this one.
    const other = await t.admin.client.put(url('companies'), {
      sections: [{ label: label('A', '甲'), fields: ['firstName'] }],
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].message).toContain('firstName');
    // The same field twice.
    const twice = await t.admin.client.put(url('contacts'), {
      sections: [
        { label: label('A', '甲'), fields: ['city'] },
        { label: label('B', '乙'), fields: ['city'] },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0]).toMatchObject({ field: 'sections.1.fields.0' });
    expect((await t.admin.client.get('/api/v1/schema/objects/contacts')).json().layout).toEqual(
      contactsLayout,
    );
  });

  it('answers 404 for an unknown or retired object', async () => {
    expect((await t.admin.client.put(url('nope'), { sections: [] })).statusCode).toBe(404);
    await t.admin.client.post('/api/v1/schema/objects', {
      name: 'gone',
      label: label('Gone', '已删'),
      pluralLabel: label('Gone', '已删'),
    });
    expect((await t.admin.client.delete('/api/v1/schema/objects/gone')).statusCode).toBe(204);
    expect((await t.admin.client.put(url('gone'), { sections: [] })).statusCode).toBe(404);
  });

  it('refuses hostile input with a 4xx and keeps the layout', async () => {
    const bodies: unknown[] = [
      {},
      { sections: 'all' },
      { sections: [], extra: true },
      { sections: [{ label: label('A', '甲'), fields: ['city'], hidden: true }] },
      { sections: [{ label: 'A', fields: ['city'] }] },
      { sections: [{ label: { en: '' }, fields: ['city'] }] },
      { sections: [{ label: { en: '   ' }, fields: ['city'] }] },
      { sections: [{ label: { en: 'A', fr: 'B' }, fields: ['city'] }] },
      { sections: [{ label: { en: 'x'.repeat(5000) }, fields: ['city'] }] },
      { sections: [{ label: label('A', '甲'), fields: [42] }] },
      { sections: [{ label: label('A', '甲'), fields: ['x'.repeat(10_000)] }] },
      { sections: [{ label: label('A', '甲'), fields: ["city'; DROP TABLE page_layouts; --"] }] },
      { sections: [{ label: label('A', '甲'), fields: ['__proto__'] }] },
      { sections: [{ label: label('A', '甲'), fields: ['constructor'] }] },
      { sections: Array.from({ length: 51 }, () => ({ label: label('A', '甲'), fields: [] })) },
      { sections: [{ label: label('A', '甲'), fields: Array.from({ length: 501 }, () => 'city') }] },
      [],
      null,
      'sections',
    ];
    for (const body of bodies) {
      const res = await t.admin.client.put(url('contacts'), JSON.stringify(body));
      expect(res.statusCode, JSON.stringify(body)?.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)?.slice(0, 80)).toBeLessThan(500);
    }
    const proto = await t.admin.client.put(url('contacts'), '{"__proto__": {"admin": true}, "sections": []}');
    expect(proto.statusCode).toBe(400);
    const broken = await t.admin.client.put(url('contacts'), '{"sections": [', {
      'content-type': 'application/json',
    });
    expect(broken.statusCode).toBe(400);
    for (const name of ["contacts'--", '..%2Fcontacts', 'x'.repeat(200), '%00']) {
      const res = await t.admin.client.put(url(name), { sections: [] });
      expect(res.statusCode, name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, name).toBeLessThan(500);
    }
    expect((await t.anon.put(url('contacts'), { sections: [] })).statusCode).toBe(401);
    expect((await t.admin.client.get('/api/v1/schema/objects/contacts')).json().layout).toEqual(
      contactsLayout,
    );
    const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM page_layouts`.execute(t.store.db);
    expect(tables.rows[0]?.n).toBeGreaterThan(0);
  });
});
