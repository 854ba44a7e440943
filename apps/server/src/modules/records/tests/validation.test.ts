// Bad input per field type: every refusal is a 400 problem+json naming the field, nothing is
// written, and no input — however wrong — produces a 5xx.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { company, fieldsOf } from './factories';

let t: TestApp;
let companyId: string;
beforeAll(async () => {
  t = await createTestApp();
  const c = t.admin.client;
  const field = (body: Record<string, unknown>) => c.post('/api/v1/schema/objects/contacts/fields', body);
  const label = (en: string) => ({ en, 'zh-CN': en });
  for (const f of [
    { name: 'nickname', type: 'text', label: label('Nickname') },
    { name: 'notes', type: 'longText', label: label('Notes') },
    { name: 'rating', type: 'number', label: label('Rating') },
    { name: 'budget', type: 'money', label: label('Budget') },
    { name: 'renewalDate', type: 'date', label: label('Renewal') },
    { name: 'lastSeen', type: 'dateTime', label: label('Last seen') },
    { name: 'vip', type: 'boolean', label: label('VIP') },
    {
      name: 'tier',
      type: 'select',
      label: label('Tier'),
      options: [
        { value: 'gold', label: { en: 'Gold', 'zh-CN': '金' } },
        { value: 'silver', label: { en: 'Silver', 'zh-CN': '银' } },
      ],
    },
    {
      name: 'interests',
      type: 'multiSelect',
      label: label('Interests'),
      options: [
        { value: 'cloud', label: { en: 'Cloud', 'zh-CN': '云' } },
        { value: 'ai', label: { en: 'AI', 'zh-CN': '人工智能' } },
      ],
    },
    { name: 'assistantEmail', type: 'email', label: label('Assistant email') },
    { name: 'fax', type: 'phone', label: label('Fax') },
    { name: 'blog', type: 'url', label: label('Blog') },
    { name: 'partner', type: 'relation', label: label('Partner'), relation: { object: 'companies' } },
  ]) {
    const res = await field(f);
    expect(res.statusCode, res.body).toBe(201);
  }
  companyId = (await company(c)).id;
});
afterAll(async () => {
  await t?.close();
});

const count = async () =>
  Number(
    (
      await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${t.workspaceId}`.execute(t.store.db)
    ).rows[0]!.n,
  );

describe('values are validated by type on every write', () => {
  const bad: [string, unknown][] = [
    ['firstName', 42],
    ['firstName', 'x'.repeat(201)],
    ['email', 'not-an-email'],
    ['email', ['a@b.com']],
    ['phone', 'call me maybe'],
    ['emails', 'a@b.com'],
    ['emails', ['ok@example.com', 'nope']],
    ['phones', [123]],
    ['birthday', '2024-02-30'],
    ['birthday', '31/12/2024'],
    ['companyId', 'not-a-uuid'],
    ['companyId', '00000000-0000-7000-8000-000000000000'],
    ['socialProfiles', [{ network: 'myspace', handle: 'x' }]],
    ['socialProfiles', [{ network: 'x' }]],
    ['socialProfiles', { network: 'x', handle: 'y' }],
    ['nickname', { text: 'hi' }],
    ['notes', 5],
    ['rating', '5'],
    ['rating', 1e300],
    ['budget', 5000],
    ['budget', { amount: 5000, currency: 'CNY' }],
    ['budget', { amount: '50.001', currency: 'CNY' }],
    ['budget', { amount: '50', currency: 'XXY' }],
    ['budget', { amount: '1e5', currency: 'CNY' }],
    ['budget', { amount: '5', currency: 'CNY', rate: 1 }],
    ['renewalDate', '2025-13-01'],
    ['lastSeen', '2025-01-01T10:00:00'],
    ['lastSeen', 'yesterday'],
    ['vip', 'true'],
    ['vip', 1],
    ['tier', 'platinum'],
    ['interests', ['cloud', 'crypto']],
    ['interests', 'cloud'],
    ['assistantEmail', 'a@'],
    ['fax', '+'],
    ['blog', 'javascript:alert(1)'],
    ['blog', 'ftp://example.com'],
    ['partner', 'nope'],
    ['partner', '00000000-0000-7000-8000-000000000000'],
  ];
  for (const [field, value] of bad) {
    it(`refuses ${field} = ${JSON.stringify(value)?.slice(0, 40)} with a 400 naming ${field}`, async () => {
      const before = await count();
      const res = await t.admin.client.post('/api/v1/objects/contacts', { lastName: 'Test', [field]: value });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual([field]);
      expect(await count()).toBe(before);
    });
  }

  it('refuses money sent as a JSON number with a message about cents', async () => {
    const res = await t.admin.client.post('/api/v1/objects/deals', { name: 'D', amount: 12.5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'amount' });
    expect(res.json().errors[0].message).toMatch(/string/);
  });

  it('reports every bad field at once', async () => {
    const res = await t.admin.client.post('/api/v1/objects/contacts', {
      lastName: 'X',
      email: 'bad',
      rating: 'x',
      vip: 'no',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual(['email', 'rating', 'vip']);
  });

  it('refuses unknown and system fields', async () => {
    const res = await t.admin.client.post('/api/v1/objects/contacts', {
      lastName: 'X',
      favouriteColour: 'blue',
      version: 9,
      createdAt: '2020-01-01T00:00:00Z',
      lastActivityAt: '2020-01-01T00:00:00Z',
      name: 'Fake',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res).sort()).toEqual([
      'createdAt',
      'favouriteColour',
      'lastActivityAt',
      'name',
      'version',
    ]);
  });

  it('requires the required fields, on create and when a patch clears them', async () => {
    const noName = await t.admin.client.post('/api/v1/objects/companies', { city: 'Hangzhou' });
    expect(noName.statusCode).toBe(400);
    expect(fieldsOf(noName)).toEqual(['name']);
    const noPerson = await t.admin.client.post('/api/v1/objects/contacts', { email: 'a@b.com' });
    expect(noPerson.statusCode).toBe(400);
    expect(fieldsOf(noPerson)).toEqual(['lastName']);
    const cleared = await t.admin.client.patch(`/api/v1/objects/companies/${companyId}`, { name: '' });
    expect(cleared.statusCode).toBe(400);
    expect(fieldsOf(cleared)).toEqual(['name']);
  });

  it('accepts good values of every custom type and returns them normalised', async () => {
    const res = await t.admin.client.post('/api/v1/objects/contacts', {
      lastName: 'Good',
      nickname: '  Goody ',
      notes: 'Long\ntext',
      rating: 4.5,
      budget: { amount: '99.9', currency: 'EUR' },
      renewalDate: '2026-02-28',
      lastSeen: '2025-06-01T08:00:00+08:00',
      vip: false,
      tier: 'gold',
      interests: ['ai', 'cloud', 'ai'],
      assistantEmail: 'pa@Example.COM',
      fax: '+86 10 8888 8888',
      blog: 'blog.example.com',
      partner: companyId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      nickname: 'Goody',
      rating: 4.5,
      budget: { amount: '99.90', currency: 'EUR' },
      renewalDate: '2026-02-28',
      lastSeen: '2025-06-01T00:00:00.000Z',
      vip: false,
      tier: 'gold',
      interests: ['ai', 'cloud'],
      assistantEmail: 'pa@example.com',
      blog: 'https://blog.example.com/',
      partner: companyId,
      related: { partner: { id: companyId, name: 'Acme Ltd' } },
    });
  });

  it('answers hostile bodies with 4xx, never 5xx', async () => {
    const hostile: unknown[] = [
      [],
      'just a string',
      null,
      { lastName: { $ne: null } },
      { lastName: 'A', companyId: ["' OR 1=1 --"] },
      { lastName: 'A', socialProfiles: [null] },
      { lastName: 'A', emails: [{}] },
      { lastName: 'A'.repeat(100_000) },
    ];
    for (const body of hostile) {
      const res = await t.admin.client.post('/api/v1/objects/contacts', body);
      expect(res.statusCode, JSON.stringify(body)?.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    // A "__proto__" key never reaches a prototype: it is dropped, and nothing else is affected.
    const proto = await t.admin.client.request(
      'POST',
      '/api/v1/objects/contacts',
      '{"lastName":"P","__proto__":{"admin":true}}',
      {
        'content-type': 'application/json',
      },
    );
    expect(proto.statusCode).toBeLessThan(500);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(proto.json().admin).toBeUndefined();
    const nul = await t.admin.client.request('POST', '/api/v1/objects/contacts', '{"lastName":"a\\u0000b"}', {
      'content-type': 'application/json',
    });
    expect(nul.statusCode).toBe(400);
    const sqlName = await t.admin.client.post('/api/v1/objects/contacts', {
      lastName: "Robert'); DROP TABLE contacts;--",
    });
    expect(sqlName.statusCode).toBe(201);
    expect(sqlName.json().lastName).toBe("Robert'); DROP TABLE contacts;--");
  });

  it('refuses a field name or object name that is not an identifier without a 5xx', async () => {
    for (const url of [
      '/api/v1/objects/contacts%27%3B--',
      '/api/v1/objects/CONTACTS',
      `/api/v1/objects/contacts/${'9'.repeat(90)}`,
      '/api/v1/objects/contacts?%27%3Bdrop=1',
      '/api/v1/objects/contacts?sort=-version',
      '/api/v1/objects/contacts?sort=socialProfiles',
      '/api/v1/objects/contacts?limit=0',
      '/api/v1/objects/contacts?limit=abc',
      '/api/v1/objects/contacts?limit=10000',
      '/api/v1/objects/contacts?after=garbage',
      '/api/v1/objects/contacts?rating[gte]=abc',
      '/api/v1/objects/contacts?rating[like]=1',
      '/api/v1/objects/contacts?company.secret=1',
      '/api/v1/objects/contacts?createdAt[gt]=not-a-date',
      '/api/v1/objects/contacts?id=123',
      '/api/v1/objects/contacts?tier=diamond',
    ]) {
      const res = await t.admin.client.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
