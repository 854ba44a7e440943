import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { LONG_SESSIONS, type TestEngine, testEngine } from '../../platform/dispatch/testEngine';
import { suppressAddress } from '../../platform/mail/unsubscribe';

let t: TestApp;
let engine: TestEngine;
let formId: string;
let sequenceId: string;

beforeAll(async () => {
  t = await createTestApp({ env: { ...LONG_SESSIONS, PUBLIC_URL: 'https://crm.acme.test' } });
  engine = testEngine(t.store, testConfig(LONG_SESSIONS));
  sequenceId = (
    await t.admin.client.post('/api/v1/sequences', { template: 'nurture', businessHours: null })
  ).json().id;
  for (const rule of [
    { object: 'leads', name: 'Has a company', when: [{ field: 'company', op: 'isNotEmpty' }], points: 5 },
    {
      object: 'leads',
      name: 'Referred',
      when: [{ field: 'source', op: 'eq', value: 'referral' }],
      points: 10,
    },
    { object: 'leads', name: 'Asked for information', event: 'form.submitted', points: 20 },
  ]) {
    const res = await t.admin.client.post('/api/v1/scoring-rules', rule);
    expect(res.statusCode, res.body).toBe(201);
  }
  const form = await t.admin.client.post('/api/v1/forms', {
    name: 'Brochure request',
    fields: [
      { name: 'firstName', label: { en: 'First name', 'zh-CN': '名' } },
      { name: 'lastName', label: { en: 'Last name', 'zh-CN': '姓' }, required: true },
      { name: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
      { name: 'company', label: { en: 'Company', 'zh-CN': '公司' } },
    ],
    createObject: 'leads',
    sequenceId,
  });
  expect(form.statusCode, form.body).toBe(201);
  formId = form.json().id;
});
afterAll(async () => {
  await t?.close();
});

const post = (body: string | Record<string, unknown>, ip: string, extra: Record<string, string> = {}) =>
  t.anon.request('POST', `/f/${formId}`, typeof body === 'string' ? body : JSON.stringify(body), {
    'content-type': typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
    'x-forwarded-for': ip,
    origin: 'https://www.customer-site.test',
    ...extra,
  });

async function leadsByEmail(email: string) {
  const res = await t.admin.client.post('/api/v1/objects/leads/search', {
    filters: [{ field: 'email', op: 'eq', value: email }],
  });
  return res.json().data as {
    id: string;
    score: number;
    source: string;
    company: string;
    firstName: string;
  }[];
}

describe('web forms', () => {
  it('creates the lead from a plain HTML post on another site, scores it and enrols it', async () => {
    const res = await post(
      'firstName=%E4%BC%9F&lastName=Zhang&email=wei%40example.test&company=Acme&website=',
      '10.0.0.1',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('谢谢');
    await engine.drain();
    const [lead] = await leadsByEmail('wei@example.test');
    expect(lead).toMatchObject({ firstName: '伟', source: 'form', company: 'Acme', score: 25 });
    const enrolled = (
      await t.admin.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${lead!.id}`)
    ).json().data;
    expect(enrolled.map((e: { sequenceId: string; status: string }) => [e.sequenceId, e.status])).toEqual([
      [sequenceId, 'active'],
    ]);
  });

  it('creates the lead of an unsubscribed address but does not enrol it in the mailing sequence', async () => {
    await suppressAddress(t.store.db, t.workspaceId, 'quiet@example.test', 'unsubscribed');
    const res = await post({ lastName: 'Quiet', email: 'Quiet@example.test' }, '10.0.0.5');
    expect(res.statusCode, res.body).toBe(201);
    await engine.drain();
    const [lead] = await leadsByEmail('quiet@example.test');
    expect(lead).toMatchObject({ source: 'form' });
    const enrolled = (
      await t.admin.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${lead!.id}`)
    ).json().data;
    expect(enrolled).toEqual([]);
  });

  it('merges a second submission into the lead with the same email, whatever its case', async () => {
    const res = await post(
      { lastName: 'Zhang', email: 'WEI@Example.test', company: 'Acme Group' },
      '10.0.0.2',
    );
    expect(res.statusCode, res.body).toBe(201);
    await engine.drain();
    const leads = await leadsByEmail('wei@example.test');
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ company: 'Acme Group', score: 45 });
    const enrolled = (
      await t.admin.client.get(`/api/v1/sequence-enrollments?object=leads&recordId=${leads[0]!.id}`)
    ).json().data;
    expect(enrolled).toHaveLength(1);
  });

  it('keeps scores current when the record changes and when rules change', async () => {
    const [lead] = await leadsByEmail('wei@example.test');
    await t.admin.client.patch(`/api/v1/objects/leads/${lead!.id}`, { source: 'referral' });
    await engine.drain();
    expect((await leadsByEmail('wei@example.test'))[0]!.score).toBe(55);
    const rules = (await t.admin.client.get('/api/v1/scoring-rules')).json().data as {
      id: string;
      name: string;
    }[];
    const referred = rules.find((r) => r.name === 'Referred')!;
    expect((await t.admin.client.delete(`/api/v1/scoring-rules/${referred.id}`)).statusCode).toBe(204);
    await engine.drain();
    expect((await leadsByEmail('wei@example.test'))[0]!.score).toBe(45);
  });

  it('thanks a bot that fills the honeypot and stores nothing', async () => {
    const res = await post(
      { lastName: 'Bot', email: 'bot@spam.test', website: 'http://spam.test' },
      '10.0.0.3',
    );
    expect(res.statusCode).toBe(201);
    await engine.drain();
    expect(await leadsByEmail('bot@spam.test')).toHaveLength(0);
  });

  it('names the fields to fix, as problem+json or as a page for a browser', async () => {
    const unknown = await post({ lastName: 'X', email: 'x@example.test', password: 'p' }, '10.0.0.4');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'password', message: 'Unknown field' }]);
    const missing = await post({ firstName: 'X' }, '10.0.0.4');
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'lastName']);
    const badEmail = await post({ lastName: 'X', email: 'not-mail' }, '10.0.0.4');
    expect(badEmail.json().errors).toEqual([{ field: 'email', message: 'Not an email address' }]);
    const page = await post('lastName=X', '10.0.0.4');
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('email: Required');
    const nul = await post({ lastName: 'X\u0000', email: 'n@example.test' }, '10.0.0.4');
    expect(nul.statusCode).toBe(400);
    expect(
      (await t.anon.post('/f/0190a0b0-0000-7000-8000-000000000000', { email: 'a@b.test' })).statusCode,
    ).toBe(404);
    expect((await t.anon.post('/f/not-an-id', { email: 'a@b.test' })).statusCode).toBe(404);
  });

  it('rate-limits one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 22; i++)
      codes.push((await post({ lastName: `R${i}`, email: `r${i}@example.test` }, '10.0.0.9')).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 201)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
    expect((await post({ lastName: 'Other', email: 'other@example.test' }, '10.0.0.10')).statusCode).toBe(
      201,
    );
  });

  it('gives an embeddable snippet with the public URL and the honeypot', async () => {
    const res = await t.admin.client.get(`/api/v1/forms/${formId}/embed`);
    expect(res.json().html).toContain(`action="https://crm.acme.test/f/${formId}"`);
    expect(res.json().html).toContain('name="website"');
    expect(res.json().html).toContain('name="email" required');
  });

  it('refuses bad form and rule definitions', async () => {
    const base = { name: 'x', fields: [{ name: 'email', label: { en: 'Email' } }] };
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/forms', { ...base, fields: [{ name: 'lastName', label: { en: 'Name' } }] }, 'fields'],
      [
        '/api/v1/forms',
        { ...base, fields: [...base.fields, { name: 'nope', label: { en: 'N' } }] },
        'fields.1.name',
      ],
      ['/api/v1/forms', { ...base, sequenceId: '0190a0b0-0000-7000-8000-000000000000' }, 'sequenceId'],
      [
        '/api/v1/scoring-rules',
        { object: 'companies', when: [{ field: 'name', op: 'isNotEmpty' }], points: 1 },
        'object',
      ],
      ['/api/v1/scoring-rules', { object: 'leads', points: 1 }, 'when'],
      [
        '/api/v1/scoring-rules',
        { object: 'leads', when: [{ field: 'nope', op: 'isEmpty' }], points: 1 },
        'when.0.field',
      ],
      ['/api/v1/scoring-rules', { object: 'leads', event: 'form.submitted', points: 1.5 }, 'points'],
    ];
    for (const [url, body, field] of cases) {
      const res = await t.admin.client.post(url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)} → ${res.body}`).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.post('/api/v1/forms', base)).statusCode).toBe(403);
  });
});
