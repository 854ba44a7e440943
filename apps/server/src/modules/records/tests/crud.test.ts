import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('record CRUD', () => {
  it('creates, reads, updates, deletes and restores a company', async () => {
    const c = t.admin.client;
    const created = await c.post('/api/v1/objects/companies', {
      name: '阿里巴巴',
      domain: 'https://www.Alibaba.com/about',
      employees: 100,
    });
    expect(created.statusCode, created.body).toBe(201);
    const rec = created.json();
    expect(rec).toMatchObject({
      object: 'companies',
      name: '阿里巴巴',
      domain: 'alibaba.com',
      employees: 100,
      version: 1,
      ownerId: t.admin.id,
    });
    expect(created.headers.location).toBe(`/api/v1/objects/companies/${rec.id}`);
    const got = await c.get(`/api/v1/objects/companies/${rec.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    const upd = await c.patch(
      `/api/v1/objects/companies/${rec.id}`,
      { employees: 200 },
      { 'if-match': '"1"' },
    );
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().version).toBe(2);
    const stale = await c.patch(
      `/api/v1/objects/companies/${rec.id}`,
      { employees: 300 },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current.version).toBe(2);
    const list = await c.get('/api/v1/objects/companies?limit=10');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().data.map((r: { id: string }) => r.id)).toContain(rec.id);
    const del = await c.delete(`/api/v1/objects/companies/${rec.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await c.get(`/api/v1/objects/companies/${rec.id}`)).statusCode).toBe(404);
    const res = await c.post(`/api/v1/objects/companies/${rec.id}/restore`);
    expect(res.statusCode, res.body).toBe(200);
    const contact = await c.post('/api/v1/objects/contacts', {
      firstName: '伟',
      lastName: '张',
      email: 'Zhang.Wei@Alibaba.COM',
      companyId: rec.id,
      emails: ['zw@example.com'],
      socialProfiles: [{ network: 'wechat', handle: 'zhangwei88' }],
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json()).toMatchObject({
      name: '张伟',
      email: 'Zhang.Wei@alibaba.com',
      related: { companyId: { id: rec.id, name: '阿里巴巴' } },
    });
    const deal = await c.post('/api/v1/objects/deals', {
      name: 'Cloud deal',
      amount: { amount: '1000.5', currency: 'CNY' },
      companyId: rec.id,
      contactIds: [contact.json().id],
    });
    expect(deal.statusCode, deal.body).toBe(201);
    expect(deal.json()).toMatchObject({
      amount: { amount: '1000.50', currency: 'CNY' },
      status: 'open',
      probability: 10,
    });
    const call = await c.post('/api/v1/objects/activities', {
      type: 'call',
      subject: 'Intro call',
      relatedTo: [{ object: 'contacts', id: contact.json().id }],
    });
    expect(call.statusCode, call.body).toBe(201);
    const company = (await c.get(`/api/v1/objects/companies/${rec.id}`)).json();
    expect(company.lastActivityType).toBe('call');
    expect(company.openDealValue).toEqual([{ amount: '1000.50', currency: 'CNY' }]);
    const tl = await c.get(`/api/v1/objects/companies/${rec.id}/timeline`);
    expect(tl.statusCode, tl.body).toBe(200);
    const kinds = tl.json().data.map((i: { kind: string }) => i.kind);
    expect(kinds).toContain('activity');
    expect(kinds).toContain('stage');
  });
});
