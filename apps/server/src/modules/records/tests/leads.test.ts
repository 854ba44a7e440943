// Lead conversion: a contact, a company (matched by name or created) and optionally a deal; the
// lead's activities follow the contact, its history stays, and it cannot be converted twice.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { activity, company, fieldsOf, make } from './factories';

let t: TestApp;
let rep: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
  await t.admin.client.post('/api/v1/schema/objects/leads/fields', {
    name: 'wechat',
    type: 'text',
    label: { en: 'WeChat', 'zh-CN': '微信' },
  });
  await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
    name: 'wechat',
    type: 'text',
    label: { en: 'WeChat', 'zh-CN': '微信' },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('leads', () => {
  it('keeps leads with status, source and score, and refuses setting converted by hand', async () => {
    const lead = await make(rep.client, 'leads', {
      firstName: '娜',
      lastName: '李',
      company: '新公司',
      source: 'event',
      score: 40,
    });
    expect(lead).toMatchObject({ name: '李娜', status: 'new', source: 'event', score: 40 });
    const bad = await rep.client.patch(`/api/v1/objects/leads/${lead.id}`, { status: 'converted' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['status']);
    expect(fieldsOf(await rep.client.post('/api/v1/objects/leads', { source: 'web' }))).toEqual(['lastName']);
  });

  it('converts into a new company, a contact and a deal, moving activities and keeping history', async () => {
    const lead = await make(rep.client, 'leads', {
      firstName: 'Wei',
      lastName: 'Chen',
      company: 'Chen Trading',
      email: 'wei@chen.test',
      phone: '+86 139 0000 0000',
      title: 'Buyer',
      wechat: 'chenwei',
    });
    const call = await activity(rep.client, {
      subject: 'Qualifying call',
      relatedTo: [{ object: 'leads', id: lead.id }],
    });
    const res = await rep.client.post(`/api/v1/objects/leads/${lead.id}/convert`, {
      createDeal: { name: 'Chen first order', amount: { amount: '8000', currency: 'CNY' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { contactId, companyId, dealId } = res.json();
    const person = (await rep.client.get(`/api/v1/objects/contacts/${contactId}`)).json();
    expect(person).toMatchObject({
      name: 'Wei Chen',
      email: 'wei@chen.test',
      title: 'Buyer',
      companyId,
      wechat: 'chenwei',
      ownerId: rep.id,
    });
    expect(person.lastActivityType).toBe('call');
    expect((await rep.client.get(`/api/v1/objects/companies/${companyId}`)).json().name).toBe('Chen Trading');
    expect((await rep.client.get(`/api/v1/objects/deals/${dealId}`)).json()).toMatchObject({
      name: 'Chen first order',
      companyId,
      contactIds: [contactId],
      amount: { amount: '8000.00', currency: 'CNY' },
    });
    const converted = (await rep.client.get(`/api/v1/objects/leads/${lead.id}`)).json();
    expect(converted).toMatchObject({
      status: 'converted',
      convertedContactId: contactId,
      convertedCompanyId: companyId,
      convertedDealId: dealId,
    });
    const companyTl = (
      await rep.client.get(`/api/v1/objects/companies/${companyId}/timeline?kinds=activity`)
    ).json().data;
    expect(companyTl.map((i: { id: string }) => i.id)).toContain(call.id);
    const leadTl = (await rep.client.get(`/api/v1/objects/leads/${lead.id}/timeline`)).json().data;
    expect(leadTl.map((i: { id: string }) => i.id)).toContain(call.id);
    expect(leadTl.some((i: { action?: string }) => i.action === 'converted')).toBe(true);
    const ev = await sql<{
      payload: any;
    }>`SELECT payload FROM outbox_events WHERE workspace_id = ${t.workspaceId}
      AND type = 'lead.converted' AND record_id = ${lead.id}`.execute(t.store.db);
    expect(ev.rows[0]!.payload).toEqual({ leadId: lead.id, contactId, companyId, dealId });
    const again = await rep.client.post(`/api/v1/objects/leads/${lead.id}/convert`, {});
    expect(again.statusCode).toBe(422);
  });

  it('reuses an existing company with the same name, or the one given', async () => {
    const existing = await company(t.admin.client, { name: 'Existing Partner Co' });
    const lead = await make(rep.client, 'leads', { lastName: 'Zhou', company: 'existing partner co' });
    const res = (await rep.client.post(`/api/v1/objects/leads/${lead.id}/convert`, {})).json();
    expect(res).toMatchObject({ companyId: existing.id, dealId: null });
    const chosen = await company(t.admin.client, { name: 'Chosen Co' });
    const lead2 = await make(rep.client, 'leads', { lastName: 'Wu', company: 'Something else' });
    const res2 = (
      await rep.client.post(`/api/v1/objects/leads/${lead2.id}/convert`, { companyId: chosen.id })
    ).json();
    expect(res2.companyId).toBe(chosen.id);
  });

  it('converts nothing when a part fails, and refuses leads the caller may not see', async () => {
    const lead = await make(rep.client, 'leads', { lastName: 'Atomic', company: 'Atomic Co' });
    const res = await rep.client.post(`/api/v1/objects/leads/${lead.id}/convert`, {
      createDeal: { amount: { amount: '1.234', currency: 'CNY' } },
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['createDeal.amount']);
    expect((await rep.client.get(`/api/v1/objects/leads/${lead.id}`)).json().status).toBe('new');
    const companies = await rep.client.get('/api/v1/objects/companies?name=Atomic%20Co');
    expect(companies.json().data).toEqual([]);
    const stranger = await t.createUser({ role: 'rep' });
    expect((await stranger.client.post(`/api/v1/objects/leads/${lead.id}/convert`, {})).statusCode).toBe(404);
    expect((await rep.client.post('/api/v1/objects/leads/not-an-id/convert', {})).statusCode).toBe(404);
    expect(
      (await rep.client.post(`/api/v1/objects/leads/${lead.id}/convert`, { companyId: 'x' })).statusCode,
    ).toBe(400);
  });
});
