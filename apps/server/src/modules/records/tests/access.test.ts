// Data scope and field rules, enforced in SQL: a rep never sees or finds another rep's private
// deal — not through list, search, q, get, timeline, relations or aggregates — and a record one
// may see but not change answers 403, one one may not see answers 404.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { newId } from '../../../platform/ids';
import { activity, company, contact, deal, fieldsOf, make } from './factories';

let t: TestApp;
let repA: TestUser;
let repB: TestUser;
let outsider: TestUser;
let manager: TestUser;
let auditor: TestUser;
let shared: Record<string, any>;
let sharedContact: Record<string, any>;
let dealB: Record<string, any>;
let dealA: Record<string, any>;
let callB: Record<string, any>;
const ids = (res: { json(): any }) => res.json().data.map((r: { id: string }) => r.id);

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.createUser({ role: 'manager', name: 'Mia Manager' });
  const team = await t.createTeam({ name: 'East', managerId: manager.id });
  repA = await t.createUser({ role: 'rep', teamId: team, name: 'Ann Rep' });
  repB = await t.createUser({ role: 'rep', teamId: team, name: 'Bob Rep' });
  outsider = await t.createUser({ role: 'rep', name: 'Oscar Outside' });
  // A custom role: reads every activity but only its own deals; hides contact emails and keeps
  // phones read-only.
  await sql`INSERT INTO roles (workspace_id, id, key, name, permissions) VALUES (${t.workspaceId}, ${newId()}, 'auditor', 'Auditor',
    ${JSON.stringify({
      objects: {
        '*': { read: 'own', create: 'all', update: 'own', delete: 'own' },
        activities: { read: 'all', create: 'all', update: 'own', delete: 'own' },
        contacts: { read: 'all', create: 'all', update: 'all', delete: 'none' },
        companies: { read: 'all', create: 'none', update: 'none', delete: 'none' },
      },
      fields: { contacts: { email: 'hidden', phone: 'readOnly' } },
      capabilities: [],
    })}::jsonb)`.execute(t.store.db);
  auditor = await t.createUser({ role: 'auditor', name: 'Audrey Auditor' });

  shared = await company(t.admin.client, { name: 'Shared Customer Ltd' });
  sharedContact = await contact(t.admin.client, {
    firstName: 'Sam',
    lastName: 'Shared',
    email: 'sam@shared.test',
    companyId: shared.id,
  });
  dealB = await deal(repB.client, {
    name: 'Bob private opportunity',
    companyId: shared.id,
    contactIds: [sharedContact.id],
    amount: { amount: '777000', currency: 'CNY' },
  });
  dealA = await deal(repA.client, { name: 'Ann opportunity', companyId: shared.id });
  callB = await activity(repB.client, {
    subject: 'Bob called about the private opportunity',
    relatedTo: [
      { object: 'deals', id: dealB.id },
      { object: 'contacts', id: sharedContact.id },
    ],
  });
  await t.admin.client.patch(`/api/v1/objects/deals/${dealB.id}`, {
    name: 'Bob private opportunity (renamed)',
  });
});
afterAll(async () => {
  await t?.close();
});

describe('a rep never sees another rep’s private deal', () => {
  it('not through get (404) or list', async () => {
    expect((await repA.client.get(`/api/v1/objects/deals/${dealB.id}`)).statusCode).toBe(404);
    const list = await repA.client.get('/api/v1/objects/deals?limit=200');
    expect(ids(list)).toEqual([dealA.id]);
  });

  it('not through structured search, related filters or q', async () => {
    const s = await repA.client.post('/api/v1/objects/deals/search', {
      filters: [{ field: 'company.name', op: 'contains', value: 'Shared' }],
    });
    expect(ids(s)).toEqual([dealA.id]);
    const q = await repA.client.get('/api/v1/objects/deals?q=private');
    expect(q.statusCode).toBe(200);
    expect(ids(q)).toEqual([]);
    const byId = await repA.client.post('/api/v1/objects/deals/search', {
      filters: [{ field: 'id', op: 'eq', value: dealB.id }],
    });
    expect(ids(byId)).toEqual([]);
  });

  it('not through the company timeline (changes, stage moves, activities)', async () => {
    const tl = await repA.client.get(`/api/v1/objects/companies/${shared.id}/timeline?limit=200`);
    expect(tl.statusCode).toBe(200);
    const text = tl.body;
    expect(text).not.toContain(dealB.id);
    expect(text).not.toContain('Bob private');
    expect(text).not.toContain(callB.id);
    expect(tl.json().data.some((i: { recordId: string }) => i.recordId === dealA.id)).toBe(true);
    // Bob's manager sees both.
    const m = await manager.client.get(`/api/v1/objects/companies/${shared.id}/timeline?limit=200`);
    expect(m.body).toContain(dealB.id);
    expect(m.body).toContain(callB.id);
  });

  it('not through its own timeline or history', async () => {
    expect((await repA.client.get(`/api/v1/objects/deals/${dealB.id}/timeline`)).statusCode).toBe(404);
    expect((await repA.client.get(`/api/v1/objects/deals/${dealB.id}/history`)).statusCode).toBe(404);
  });

  it('not through relations: refs on writes are refused as if the deal did not exist', async () => {
    const link = await repA.client.post('/api/v1/objects/activities', {
      type: 'note',
      relatedTo: [{ object: 'deals', id: dealB.id }],
    });
    expect(link.statusCode).toBe(400);
    expect(fieldsOf(link)).toEqual(['relatedTo']);
    const cm = await repA.client.post('/api/v1/objects/commitments', {
      companyId: shared.id,
      dealId: dealB.id,
      description: 'x',
    });
    expect(cm.statusCode).toBe(400);
    expect(fieldsOf(cm)).toEqual(['dealId']);
  });

  it('not through relations on records it can read: invisible links are dropped, names withheld', async () => {
    const res = await auditor.client.get(`/api/v1/objects/activities/${callB.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().relatedTo).toEqual([{ object: 'contacts', id: sharedContact.id }]);
    expect(res.body).not.toContain(dealB.id);
    const tl = await auditor.client.get(`/api/v1/objects/contacts/${sharedContact.id}/timeline`);
    expect(tl.body).toContain(callB.id);
    expect(tl.body).not.toContain(dealB.id);
  });

  it('not by editing a link list: entries the caller cannot see survive the edit', async () => {
    const other = await contact(t.admin.client, { lastName: 'Other' });
    const shared2 = await t.admin.client.post('/api/v1/objects/activities', {
      type: 'note',
      ownerId: repA.id,
      relatedTo: [
        { object: 'contacts', id: sharedContact.id },
        { object: 'deals', id: dealB.id },
      ],
    });
    expect(shared2.statusCode, shared2.body).toBe(201);
    const seen = (await repA.client.get(`/api/v1/objects/activities/${shared2.json().id}`)).json();
    expect(seen.relatedTo).toEqual([{ object: 'contacts', id: sharedContact.id }]);
    const edit = await repA.client.patch(`/api/v1/objects/activities/${shared2.json().id}`, {
      relatedTo: [{ object: 'contacts', id: other.id }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().relatedTo).toEqual([{ object: 'contacts', id: other.id }]);
    const truth = (await t.admin.client.get(`/api/v1/objects/activities/${shared2.json().id}`)).json();
    expect(truth.relatedTo).toEqual([
      { object: 'contacts', id: other.id },
      { object: 'deals', id: dealB.id },
    ]);
  });

  it('not through aggregates: open deal value is hidden from callers who cannot read all deals', async () => {
    const asRep = (await repA.client.get(`/api/v1/objects/companies/${shared.id}`)).json();
    expect(asRep.openDealValue).toBeUndefined();
    expect(asRep.openDealCount).toBeUndefined();
    const sortBy = await repA.client.get('/api/v1/objects/companies?sort=-openDealCount');
    expect(sortBy.statusCode).toBe(400);
    const filterBy = await repA.client.post('/api/v1/objects/companies/search', {
      filters: [{ field: 'openDealCount', op: 'gt', value: 0 }],
    });
    expect(filterBy.statusCode).toBe(400);
    const asAdmin = (await t.admin.client.get(`/api/v1/objects/companies/${shared.id}`)).json();
    expect(asAdmin.openDealValue).toEqual([{ amount: '777000.00', currency: 'CNY' }]);
    const schema = (await repA.client.get('/api/v1/schema/objects/companies')).json();
    expect(schema.fields.map((f: { name: string }) => f.name)).not.toContain('openDealValue');
  });
});

describe('scopes and actions', () => {
  it('answers 403 for a visible record the caller may not change, 404 for one it cannot see', async () => {
    const patch = await repA.client.patch(`/api/v1/objects/companies/${shared.id}`, { city: 'X' });
    expect(patch.statusCode).toBe(403);
    expect((await repA.client.delete(`/api/v1/objects/companies/${shared.id}`)).statusCode).toBe(403);
    expect(
      (await repA.client.patch(`/api/v1/objects/deals/${dealB.id}`, { name: 'mine now' })).statusCode,
    ).toBe(404);
    expect((await repA.client.delete(`/api/v1/objects/deals/${dealB.id}`)).statusCode).toBe(404);
    expect((await repA.client.post(`/api/v1/objects/deals/${dealB.id}/restore`)).statusCode).toBe(404);
    expect((await auditor.client.post('/api/v1/objects/companies', { name: 'Nope' })).statusCode).toBe(403);
  });

  it('gives a manager the team’s records and not another team’s', async () => {
    const other = await deal(outsider.client, { name: 'Outside deal' });
    const list = ids(await manager.client.get('/api/v1/objects/deals?limit=200'));
    expect(list).toEqual(expect.arrayContaining([dealA.id, dealB.id]));
    expect(list).not.toContain(other.id);
    expect(dealB.teamId).toBeTruthy();
  });

  it('fills team and unit from the owner and lets only wider scopes assign to others', async () => {
    const mine = await deal(repA.client, { name: 'Ann second' });
    expect(mine.teamId).toBe(dealB.teamId);
    const assign = await repA.client.post('/api/v1/objects/deals', { name: 'For Bob', ownerId: repB.id });
    expect(assign.statusCode).toBe(403);
    const byManager = await manager.client.patch(`/api/v1/objects/deals/${mine.id}`, { ownerId: repB.id });
    expect(byManager.statusCode, byManager.body).toBe(200);
    expect(byManager.json().ownerId).toBe(repB.id);
    expect((await repA.client.get(`/api/v1/objects/deals/${mine.id}`)).statusCode).toBe(404);
  });

  it('refuses callers without a session', async () => {
    expect((await t.anon.get('/api/v1/objects/companies')).statusCode).toBe(401);
    expect((await t.anon.post('/api/v1/objects/companies', { name: 'x' })).statusCode).toBe(401);
  });
});

describe('field rules', () => {
  it('hides hidden fields from records, filters, sorts, schema and history', async () => {
    const rec = (await auditor.client.get(`/api/v1/objects/contacts/${sharedContact.id}`)).json();
    expect(rec.email).toBeUndefined();
    expect(rec.name).toBe('Sam Shared');
    const f = await auditor.client.post('/api/v1/objects/contacts/search', {
      filters: [{ field: 'email', op: 'eq', value: 'sam@shared.test' }],
    });
    expect(f.statusCode).toBe(400);
    expect(fieldsOf(f)).toEqual(['email']);
    expect((await auditor.client.get('/api/v1/objects/contacts?sort=email')).statusCode).toBe(400);
    const schema = (await auditor.client.get('/api/v1/schema/objects/contacts')).json();
    const names = schema.fields.map((x: { name: string }) => x.name);
    expect(names).not.toContain('email');
    expect(schema.fields.find((x: { name: string }) => x.name === 'phone').readOnly).toBe(true);
    await t.admin.client.patch(`/api/v1/objects/contacts/${sharedContact.id}`, { email: 'new@shared.test' });
    const h = await auditor.client.get(`/api/v1/objects/contacts/${sharedContact.id}/history`);
    expect(h.body).not.toContain('new@shared.test');
    const tl = await auditor.client.get(`/api/v1/objects/contacts/${sharedContact.id}/timeline`);
    expect(tl.body).not.toContain('new@shared.test');
  });

  it('refuses writes to read-only and hidden fields naming them', async () => {
    const res = await auditor.client.patch(`/api/v1/objects/contacts/${sharedContact.id}`, {
      phone: '+1 555 0100',
      email: 'x@y.z',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['email', 'phone']);
    const ok = await auditor.client.patch(`/api/v1/objects/contacts/${sharedContact.id}`, { title: 'CFO' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().email).toBeUndefined();
  });

  it('lets records made by others show their owner by name (users are not scoped)', async () => {
    const rec = (await repA.client.get(`/api/v1/objects/contacts/${sharedContact.id}`)).json();
    expect(rec.related.ownerId.name).toBe('Ada Admin');
    expect(rec.related.companyId.name).toBe('Shared Customer Ltd');
  });
});

describe('custom objects follow the default scope', () => {
  it('keeps a rep’s custom records private from another rep', async () => {
    const o = await t.admin.client.post('/api/v1/schema/objects', {
      name: 'projects',
      label: { en: 'Project', 'zh-CN': '项目' },
      pluralLabel: { en: 'Projects', 'zh-CN': '项目' },
    });
    expect(o.statusCode, o.body).toBe(201);
    const p = await make(repB.client, 'projects', { name: 'Bob secret project' });
    expect((await repA.client.get(`/api/v1/objects/projects/${p.id}`)).statusCode).toBe(404);
    expect(ids(await repA.client.get('/api/v1/objects/projects?q=secret'))).toEqual([]);
    expect(ids(await repB.client.get('/api/v1/objects/projects?q=secret'))).toEqual([p.id]);
  });
});
