// The query compiler over HTTP: every filter operator on standard, custom and related fields,
// multi-field sorts with NULLs, keyset pages that neither skip nor repeat, and `q` search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { company, contact, deal, fieldsOf } from './factories';

let t: TestApp;
const ids = (res: { json(): any }) => res.json().data.map((r: { id: string }) => r.id);
let alpha: Record<string, any>;
let beta: Record<string, any>;
const people: Record<string, any>[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const c = t.admin.client;
  const f = await c.post('/api/v1/schema/objects/contacts/fields', {
    name: 'rating',
    type: 'number',
    label: { en: 'Rating', 'zh-CN': '评级' },
    indexed: true,
  });
  expect(f.statusCode, f.body).toBe(201);
  await c.post('/api/v1/schema/objects/contacts/fields', {
    name: 'segment',
    type: 'select',
    label: { en: 'Segment', 'zh-CN': '细分' },
    options: [
      { value: 'smb', label: { en: 'SMB', 'zh-CN': '中小企业' } },
      { value: 'enterprise', label: { en: 'Enterprise', 'zh-CN': '大企业' } },
    ],
  });
  alpha = await company(c, { name: 'Alpha Industries', city: 'Shenzhen' });
  beta = await company(c, { name: '北京贝塔科技', city: 'Beijing' });
  const cities = ['Shenzhen', 'Beijing', null, 'Shanghai', null];
  for (let i = 0; i < 30; i++) {
    people.push(
      await contact(c, {
        firstName: `P${String(i).padStart(2, '0')}`,
        lastName: i % 2 ? 'Even' : 'Odd',
        city: cities[i % 5],
        email: `p${i}@example.com`,
        birthday: i % 3 === 0 ? null : `19${70 + (i % 20)}-0${1 + (i % 9)}-15`,
        rating: i % 4 === 0 ? null : i % 7,
        segment: i % 2 ? 'smb' : 'enterprise',
        companyId: i % 3 === 0 ? alpha.id : i % 3 === 1 ? beta.id : null,
      }),
    );
  }
  people.push(
    await contact(c, { firstName: '伟', lastName: '张', phone: '+86 138 0013 8000', companyId: beta.id }),
  );
});
afterAll(async () => {
  await t?.close();
});

async function search(body: Record<string, unknown>) {
  const res = await t.admin.client.post('/api/v1/objects/contacts/search', { limit: 200, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** Walks every page and checks it equals one big page of the same sort. */
async function walk(sort: { field: string; direction: 'asc' | 'desc' }[], filters: unknown[] = []) {
  const whole = ids(await search({ sort, filters }));
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await search({ sort, filters, limit: 7, ...(after ? { after } : {}) });
    seen.push(...ids(res));
    after = res.json().nextCursor;
    if (!after) break;
  }
  expect(seen).toEqual(whole);
  expect(new Set(seen).size).toBe(seen.length);
  return whole;
}

describe('keyset pagination', () => {
  it('pages by the default sort (updatedAt desc) without skipping or repeating', async () => {
    const all = await walk([]);
    expect(all.length).toBe(people.length);
    expect(all[0]).toBe(people[people.length - 1]!.id);
  });

  for (const direction of ['asc', 'desc'] as const) {
    it(`pages a nullable text sort ${direction} with NULLs last`, async () => {
      const all = await walk([{ field: 'city', direction }]);
      const byId = new Map(people.map((p) => [p.id, p]));
      const cities = all.map((id: string) => byId.get(id)!.city);
      const firstNull = cities.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(cities.slice(firstNull).every((c: unknown) => c === null)).toBe(true);
    });
    it(`pages a nullable date and custom number sort ${direction}`, async () => {
      await walk([{ field: 'birthday', direction }]);
      await walk([{ field: 'rating', direction }]);
    });
  }

  it('pages mixed-direction multi-field sorts', async () => {
    await walk([
      { field: 'lastName', direction: 'asc' },
      { field: 'rating', direction: 'desc' },
    ]);
    await walk([
      { field: 'city', direction: 'desc' },
      { field: 'birthday', direction: 'asc' },
      { field: 'firstName', direction: 'desc' },
    ]);
  });

  it('pages with filters applied', async () => {
    const all = await walk(
      [{ field: 'firstName', direction: 'asc' }],
      [{ field: 'segment', op: 'eq', value: 'smb' }],
    );
    expect(all.length).toBe(15);
  });

  it('refuses a cursor made for another sort or tampered with', async () => {
    const res = await search({ sort: [{ field: 'city', direction: 'asc' }], limit: 2 });
    const cursor = res.json().nextCursor;
    const other = await t.admin.client.post('/api/v1/objects/contacts/search', {
      sort: [{ field: 'city', direction: 'desc' }],
      after: cursor,
    });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other)).toEqual(['after']);
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    body.v = [{ evil: true }];
    const tampered = await t.admin.client.post('/api/v1/objects/contacts/search', {
      sort: [{ field: 'city', direction: 'asc' }],
      after: Buffer.from(JSON.stringify(body)).toString('base64url'),
    });
    expect(tampered.statusCode).toBe(400);
  });
});

describe('filters', () => {
  const count = async (filters: unknown[]) => (await search({ filters })).json().data.length;
  const expected = (pred: (p: Record<string, any>) => boolean) => people.filter(pred).length;

  it('supports every operator on standard fields', async () => {
    expect(await count([{ field: 'city', op: 'eq', value: 'Beijing' }])).toBe(
      expected((p) => p.city === 'Beijing'),
    );
    expect(await count([{ field: 'city', op: 'neq', value: 'Beijing' }])).toBe(
      expected((p) => p.city !== 'Beijing'),
    );
    expect(await count([{ field: 'city', op: 'in', value: ['Beijing', 'Shanghai'] }])).toBe(
      expected((p) => ['Beijing', 'Shanghai'].includes(p.city)),
    );
    expect(await count([{ field: 'city', op: 'nin', value: ['Beijing', 'Shanghai'] }])).toBe(
      expected((p) => !['Beijing', 'Shanghai'].includes(p.city)),
    );
    expect(await count([{ field: 'city', op: 'contains', value: 'HEN' }])).toBe(
      expected((p) => /hen/i.test(p.city ?? '')),
    );
    expect(await count([{ field: 'city', op: 'startsWith', value: 'sh' }])).toBe(
      expected((p) => /^sh/i.test(p.city ?? '')),
    );
    expect(await count([{ field: 'city', op: 'isEmpty' }])).toBe(expected((p) => !p.city));
    expect(await count([{ field: 'city', op: 'isNotEmpty' }])).toBe(expected((p) => !!p.city));
    expect(await count([{ field: 'birthday', op: 'lt', value: '1980-01-01' }])).toBe(
      expected((p) => p.birthday && p.birthday < '1980-01-01'),
    );
    expect(await count([{ field: 'birthday', op: 'between', value: ['1975-01-01', '1984-12-31'] }])).toBe(
      expected((p) => p.birthday && p.birthday >= '1975-01-01' && p.birthday <= '1984-12-31'),
    );
    expect(await count([{ field: 'email', op: 'eq', value: 'P7@EXAMPLE.com' }])).toBe(1);
    expect(await count([{ field: 'companyId', op: 'eq', value: alpha.id }])).toBe(
      expected((p) => p.companyId === alpha.id),
    );
    expect(await count([{ field: 'companyId', op: 'isEmpty' }])).toBe(expected((p) => !p.companyId));
    expect(await count([{ field: 'ownerId', op: 'eq', value: '@me' }])).toBe(people.length);
  });

  it('supports operators on custom fields', async () => {
    expect(await count([{ field: 'rating', op: 'gte', value: 4 }])).toBe(
      expected((p) => p.rating !== null && p.rating >= 4),
    );
    expect(await count([{ field: 'rating', op: 'lte', value: '2' }])).toBe(
      expected((p) => p.rating !== null && p.rating <= 2),
    );
    expect(await count([{ field: 'rating', op: 'gt', value: 5 }])).toBe(
      expected((p) => p.rating !== null && p.rating > 5),
    );
    expect(await count([{ field: 'rating', op: 'isEmpty' }])).toBe(expected((p) => p.rating === null));
    expect(await count([{ field: 'rating', op: 'in', value: [1, 2] }])).toBe(
      expected((p) => [1, 2].includes(p.rating)),
    );
    expect(await count([{ field: 'segment', op: 'eq', value: 'smb' }])).toBe(
      expected((p) => p.segment === 'smb'),
    );
    const bad = await t.admin.client.post('/api/v1/objects/contacts/search', {
      filters: [{ field: 'segment', op: 'eq', value: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['segment']);
  });

  it('filters on related fields, scoped, with negation', async () => {
    expect(await count([{ field: 'company.name', op: 'contains', value: '贝塔' }])).toBe(
      expected((p) => p.companyId === beta.id),
    );
    expect(await count([{ field: 'company.city', op: 'eq', value: 'Shenzhen' }])).toBe(
      expected((p) => p.companyId === alpha.id),
    );
    expect(await count([{ field: 'company.name', op: 'neq', value: 'Alpha Industries' }])).toBe(
      expected((p) => p.companyId !== alpha.id),
    );
    expect(await count([{ field: 'owner.name', op: 'eq', value: 'Ada Admin' }])).toBe(people.length);
    const unknown = await t.admin.client.post('/api/v1/objects/contacts/search', {
      filters: [{ field: 'company.nope', op: 'eq', value: 'x' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['company.nope']);
  });

  it('combines AND-ed filters with OR groups', async () => {
    const n = await count([
      {
        or: [
          { field: 'city', op: 'eq', value: 'Beijing' },
          { field: 'city', op: 'isEmpty' },
        ],
      },
      { field: 'segment', op: 'eq', value: 'smb' },
    ]);
    expect(n).toBe(expected((p) => (p.city === 'Beijing' || !p.city) && p.segment === 'smb'));
  });

  it('filters with query-string parameters on GET', async () => {
    const res = await t.admin.client.get(
      `/api/v1/objects/contacts?limit=200&city=Beijing&rating[gte]=1&sort=-rating,firstName`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(res).length).toBe(expected((p) => p.city === 'Beijing' && p.rating !== null && p.rating >= 1));
    const inList = await t.admin.client.get(`/api/v1/objects/contacts?limit=200&city[in]=Beijing,Shanghai`);
    expect(ids(inList).length).toBe(expected((p) => ['Beijing', 'Shanghai'].includes(p.city)));
  });

  it('filters deals by money amount and currency', async () => {
    await deal(t.admin.client, { name: 'Small', amount: { amount: '100', currency: 'CNY' } });
    await deal(t.admin.client, { name: 'Large', amount: { amount: '9000', currency: 'USD' } });
    const res = await t.admin.client.post('/api/v1/objects/deals/search', {
      filters: [
        { field: 'amount', op: 'gte', value: '5000' },
        { field: 'amount.currency', op: 'eq', value: 'USD' },
      ],
    });
    expect(res.json().data.map((d: { name: string }) => d.name)).toEqual(['Large']);
  });
});

describe('totals', () => {
  it('counts only when asked: exactly, or as the planner estimates', async () => {
    const plain = await t.admin.client.get('/api/v1/objects/contacts?limit=2');
    expect(plain.json().total).toBeUndefined();
    const exact = await t.admin.client.get('/api/v1/objects/contacts?limit=2&city=Beijing&total=exact');
    expect(exact.json()).toMatchObject({
      total: people.filter((p) => p.city === 'Beijing').length,
      totalIsEstimate: false,
    });
    const est = await t.admin.client.post('/api/v1/objects/contacts/search', { limit: 2, total: 'estimate' });
    expect(est.json().totalIsEstimate).toBe(true);
    expect(Number.isInteger(est.json().total)).toBe(true);
    expect((await t.admin.client.get('/api/v1/objects/contacts?total=all')).statusCode).toBe(400);
  });
});

describe('q text search', () => {
  it('finds Chinese names by characters, full pinyin and initials, and phones in any format', async () => {
    const zhang = people[people.length - 1]!.id;
    for (const q of ['张伟', 'zhangwei', 'zw', '13800138000', '138-0013-8000', '+86 138 0013 8000']) {
      const res = await t.admin.client.get(`/api/v1/objects/contacts?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res), q).toContain(zhang);
    }
    const emails = await t.admin.client.get('/api/v1/objects/contacts?q=p17%40example');
    expect(ids(emails)).toEqual([people[17]!.id]);
  });

  it('treats LIKE wildcards in q as text and refuses a q with nothing to search for', async () => {
    const res = await t.admin.client.get('/api/v1/objects/contacts?q=%25%25');
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toEqual([]);
    const empty = await t.admin.client.get(`/api/v1/objects/contacts?q=${encodeURIComponent('🙂')}`);
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(['q']);
  });
});
