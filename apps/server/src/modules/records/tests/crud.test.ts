import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { activity, company, contact, deal, fieldsOf, make } from './factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const outbox = async (recordId: string) =>
  (
    await sql<{
      type: string;
      payload: any;
    }>`SELECT type, payload FROM outbox_events WHERE workspace_id = ${t.workspaceId}
      AND record_id = ${recordId} ORDER BY seq`.execute(t.store.db)
  ).rows;
const history = async (recordId: string) =>
  (
    await sql<{
      kind: string;
      field: string | null;
      old_value: unknown;
      new_value: unknown;
      actor_id: string;
    }>`
      SELECT kind, field, old_value, new_value, actor_id FROM record_history WHERE workspace_id = ${t.workspaceId}
      AND record_id = ${recordId} ORDER BY at, id`.execute(t.store.db)
  ).rows;

describe('records over HTTP', () => {
  it('creates a company with a Location header, ETag and normalised values', async () => {
    const res = await t.admin.client.post('/api/v1/objects/companies', {
      name: '阿里巴巴',
      domain: 'https://www.Alibaba.com/about',
      employees: 100,
      annualRevenue: { amount: '1000000', currency: 'CNY' },
    });
    expect(res.statusCode).toBe(201);
    const rec = res.json();
    expect(res.headers.location).toBe(`/api/v1/objects/companies/${rec.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(rec).toMatchObject({
      object: 'companies',
      version: 1,
      name: '阿里巴巴',
      domain: 'alibaba.com',
      annualRevenue: { amount: '1000000.00', currency: 'CNY' },
      ownerId: t.admin.id,
      createdBy: t.admin.id,
      related: { ownerId: { id: t.admin.id, name: 'Ada Admin' } },
    });
    expect(rec.createdAt).toMatch(/Z$/);
  });

  it('reads a record with its version as ETag and answers 404 for unknown ids and objects', async () => {
    const co = await company(t.admin.client);
    const res = await t.admin.client.get(`/api/v1/objects/companies/${co.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(
      (await t.admin.client.get('/api/v1/objects/companies/00000000-0000-7000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await t.admin.client.get('/api/v1/objects/companies/not-an-id')).statusCode).toBe(404);
    expect((await t.admin.client.get('/api/v1/objects/nosuchobject')).statusCode).toBe(404);
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${co.id}`)).statusCode).toBe(404);
  });

  it('updates with If-Match and refuses a stale one with 412 carrying the current record', async () => {
    const co = await company(t.admin.client);
    const ok = await t.admin.client.patch(
      `/api/v1/objects/companies/${co.id}`,
      { employees: 5 },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.admin.client.patch(
      `/api/v1/objects/companies/${co.id}`,
      { employees: 6 },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().current).toMatchObject({ id: co.id, version: 2, employees: 5 });
    const weak = await t.admin.client.patch(
      `/api/v1/objects/companies/${co.id}`,
      { employees: 7 },
      { 'if-match': 'W/"2"' },
    );
    expect(weak.statusCode).toBe(200);
    const junk = await t.admin.client.patch(
      `/api/v1/objects/companies/${co.id}`,
      { employees: 8 },
      { 'if-match': 'banana' },
    );
    expect(junk.statusCode).toBe(400);
    expect(fieldsOf(junk)).toEqual(['If-Match']);
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const co = await company(t.admin.client, { employees: 3 });
    const res = await t.admin.client.patch(`/api/v1/objects/companies/${co.id}`, { employees: 3 });
    expect(res.json().version).toBe(1);
    expect((await history(co.id)).map((h) => h.kind)).toEqual(['created']);
  });

  it('writes a history row per changed field and an outbox event per write', async () => {
    const co = await company(t.admin.client, { name: 'Before', city: 'Beijing' });
    await t.admin.client.patch(`/api/v1/objects/companies/${co.id}`, {
      name: 'After',
      city: 'Shanghai',
      employees: 9,
    });
    const rows = await history(co.id);
    expect(rows.map((r) => [r.kind, r.field])).toEqual([
      ['created', null],
      ['updated', 'name'],
      ['updated', 'employees'],
      ['updated', 'city'],
    ]);
    expect(rows[1]).toMatchObject({ old_value: 'Before', new_value: 'After', actor_id: t.admin.id });
    const events = await outbox(co.id);
    expect(events.map((e) => e.type)).toEqual(['record.created', 'record.updated']);
    expect(events[1]!.payload.changed.sort()).toEqual(['city', 'employees', 'name']);
    expect(events[1]!.payload.old.name).toBe('Before');
    expect(events[1]!.payload.new.name).toBe('After');
  });

  it('soft-deletes and restores with history and events, and hides deleted records', async () => {
    const co = await company(t.admin.client, { name: 'Temp Co' });
    expect((await t.admin.client.delete(`/api/v1/objects/companies/${co.id}`)).statusCode).toBe(204);
    expect((await t.admin.client.get(`/api/v1/objects/companies/${co.id}`)).statusCode).toBe(404);
    const list = await t.admin.client.get('/api/v1/objects/companies?name=Temp%20Co');
    expect(list.json().data).toEqual([]);
    expect((await t.admin.client.delete(`/api/v1/objects/companies/${co.id}`)).statusCode).toBe(404);
    const restored = await t.admin.client.post(`/api/v1/objects/companies/${co.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().version).toBe(3);
    const again = await t.admin.client.post(`/api/v1/objects/companies/${co.id}/restore`);
    expect(again.statusCode).toBe(200);
    expect((await outbox(co.id)).map((e) => e.type)).toEqual([
      'record.created',
      'record.deleted',
      'record.restored',
    ]);
    expect((await history(co.id)).map((h) => h.kind)).toEqual(['created', 'deleted', 'restored']);
  });

  it('deletes with a stale If-Match as 412 and keeps the record', async () => {
    const co = await company(t.admin.client);
    const res = await t.admin.client.delete(`/api/v1/objects/companies/${co.id}`, { 'if-match': '"9"' });
    expect(res.statusCode).toBe(412);
    expect((await t.admin.client.get(`/api/v1/objects/companies/${co.id}`)).statusCode).toBe(200);
  });

  it('keeps contacts with several emails, phones and social profiles, and a bilingual display name', async () => {
    const co = await company(t.admin.client, { name: '腾讯' });
    const c = await contact(t.admin.client, {
      firstName: '伟',
      lastName: '张',
      email: 'Zhang.Wei@Tencent.COM',
      phone: '+86 138 0013 8000',
      emails: ['zw@example.com', 'zw@example.com', 'wei@qq.com'],
      phones: ['010-8888 8888'],
      companyId: co.id,
      socialProfiles: [
        { network: 'wechat', handle: 'zhangwei88' },
        { network: 'linkedin', url: 'linkedin.com/in/zhangwei' },
      ],
    });
    expect(c).toMatchObject({
      name: '张伟',
      email: 'Zhang.Wei@tencent.com',
      emails: ['zw@example.com', 'wei@qq.com'],
      socialProfiles: [
        { network: 'wechat', handle: 'zhangwei88', url: null },
        { network: 'linkedin', handle: null, url: 'https://linkedin.com/in/zhangwei' },
      ],
      related: { companyId: { id: co.id, name: '腾讯' } },
    });
    const western = await contact(t.admin.client, { firstName: 'Grace', lastName: 'Hopper' });
    expect(western.name).toBe('Grace Hopper');
    const keys = await sql<{
      email_keys: string[];
      phone_keys: string[];
    }>`SELECT email_keys, phone_keys FROM contacts
      WHERE workspace_id = ${t.workspaceId} AND id = ${c.id}`.execute(t.store.db);
    expect(keys.rows[0]!.email_keys).toEqual(['zhang.wei@tencent.com', 'zw@example.com', 'wei@qq.com']);
    expect(keys.rows[0]!.phone_keys).toContain('13800138000');
  });

  it('gives deals the default pipeline, first stage, its probability and keeps money exact', async () => {
    const d = await deal(t.admin.client, { amount: { amount: '1234.5', currency: 'USD' } });
    expect(d).toMatchObject({
      status: 'open',
      probability: 10,
      amount: { amount: '1234.50', currency: 'USD' },
    });
    expect(d.related.stageId.label).toEqual({ en: 'Qualification', 'zh-CN': '资格审查' });
    const raw = await sql<{
      amount: unknown;
    }>`SELECT amount FROM deals WHERE workspace_id = ${t.workspaceId} AND id = ${d.id}`.execute(t.store.db);
    // NUMERIC comes back as a string on both drivers: money never passes through a float.
    expect(typeof raw.rows[0]!.amount).toBe('string');
    const noCurrency = await deal(t.admin.client, { amount: { amount: '99' } });
    expect(noCurrency.amount).toEqual({ amount: '99.00', currency: 'CNY' });
  });

  it('logs activities with sensible times and links them to records', async () => {
    const co = await company(t.admin.client);
    const c = await contact(t.admin.client, { companyId: co.id });
    const call = await activity(t.admin.client, { relatedTo: [{ object: 'contacts', id: c.id }] });
    expect(call.doneAt).toBeTruthy();
    expect(call.relatedTo).toEqual([{ object: 'contacts', id: c.id }]);
    expect(call.related.relatedTo).toEqual([{ id: c.id, name: 'Ada Lovelace', object: 'contacts' }]);
    const task = await activity(t.admin.client, {
      type: 'task',
      subject: 'Send quote',
      dueAt: '2030-01-02T09:00:00+08:00',
    });
    expect(task.doneAt).toBeNull();
    expect(task.dueAt).toBe('2030-01-02T01:00:00.000Z');
    const missing = await t.admin.client.post('/api/v1/objects/activities', {
      type: 'note',
      relatedTo: [{ object: 'contacts', id: '00000000-0000-7000-8000-000000000000' }],
    });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(['relatedTo']);
  });

  it('creates commitments and tags, with a unique tag name answering 409 naming the field', async () => {
    const co = await company(t.admin.client);
    const cm = await make(t.admin.client, 'commitments', {
      companyId: co.id,
      description: 'Free onboarding for 3 months',
      value: { amount: '5000', currency: 'CNY' },
    });
    expect(cm.status).toBe('proposed');
    const tag = await make(t.admin.client, 'tags', { name: 'VIP' });
    const dup = await t.admin.client.post('/api/v1/objects/tags', { name: 'vip' });
    expect(dup.statusCode).toBe(409);
    expect(fieldsOf(dup)).toEqual(['name']);
    const tagged = await t.admin.client.patch(`/api/v1/objects/companies/${co.id}`, { tagIds: [tag.id] });
    expect(tagged.json().tagIds).toEqual([tag.id]);
    expect(tagged.json().related.tagIds).toEqual([{ id: tag.id, name: 'VIP' }]);
    const byTag = await t.admin.client.get(`/api/v1/objects/companies?tagIds=${tag.id}`);
    expect(byTag.json().data.map((r: { id: string }) => r.id)).toEqual([co.id]);
  });

  it('accepts a client-made id once and answers 409 when it is reused', async () => {
    const id = '01900000-0000-7000-8000-00000000abcd';
    const first = await t.admin.client.post('/api/v1/objects/companies', { id, name: 'Offline Co' });
    expect(first.statusCode).toBe(201);
    expect(first.json().id).toBe(id);
    const second = await t.admin.client.post('/api/v1/objects/companies', { id, name: 'Offline Co' });
    expect(second.statusCode).toBe(409);
  });

  it('describes every record route in the OpenAPI document', async () => {
    const res = await t.anon.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/objects/{object}',
      '/api/v1/objects/{object}/search',
      '/api/v1/objects/{object}/batch',
      '/api/v1/objects/{object}/{id}',
      '/api/v1/objects/{object}/{id}/restore',
      '/api/v1/objects/{object}/{id}/timeline',
      '/api/v1/objects/leads/{id}/convert',
      '/api/v1/schema/objects',
      '/api/v1/schema/objects/{object}/fields/{name}',
      '/api/v1/pipelines/{id}',
      '/api/v1/views/{id}/records',
      '/api/v1/recycle-bin',
    ])
      expect(paths, p).toContain(p);
  });
});
