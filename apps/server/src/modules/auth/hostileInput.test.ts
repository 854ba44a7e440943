// Bad input on every identity write: malformed JSON, wrong types, unknown fields, oversized bodies,
// SQL fragments, 10k-character strings, emoji, NUL bytes, lone surrogates. Always a 4xx
// problem+json naming the field (or a faithful round trip), never a 5xx, and nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Response, type TestApp } from '../../../test/harness';
import { newId } from '../../platform/ids';

const BODY_LIMIT = 16 * 1024;
let t: TestApp;
let someUserId: string;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) } });
  someUserId = (await t.createUser({ role: 'rep' })).id;
});
afterAll(async () => {
  await t?.close();
});

const uniq = () => newId().slice(-12);
let address = 0;
const nextAddress = () => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;
const SQL = [
  "'; DROP TABLE users; --",
  "Robert'); DELETE FROM roles WHERE ('1'='1",
  '" OR 1=1 --',
  '$1::text; SELECT pg_sleep(10)',
];

interface WriteRoute {
  name: string;
  method: 'POST' | 'PATCH';
  url: () => string;
  valid: () => Record<string, unknown>;
  /** String fields to attack (each must refuse 10k characters and NUL). */
  strings: string[];
  /** Fields where null is a valid value (it clears them). */
  nullable?: string[];
}

const routes: WriteRoute[] = [
  {
    name: 'POST /users',
    method: 'POST',
    url: () => '/api/v1/users',
    valid: () => ({
      email: `h${uniq()}@example.test`,
      name: 'Hostile',
      password: 'a long enough password',
      role: 'rep',
    }),
    strings: ['email', 'name', 'password', 'role'],
  },
  {
    name: 'PATCH /users/{id}',
    method: 'PATCH',
    url: () => `/api/v1/users/${someUserId}`,
    valid: () => ({ name: 'Still fine' }),
    strings: ['name'],
  },
  {
    name: 'POST /teams',
    method: 'POST',
    url: () => '/api/v1/teams',
    valid: () => ({ name: `T ${uniq()}` }),
    strings: ['name'],
  },
  {
    name: 'POST /business-units',
    method: 'POST',
    url: () => '/api/v1/business-units',
    valid: () => ({ name: `BU ${uniq()}`, currency: 'CNY' }),
    strings: ['name', 'currency'],
  },
  {
    name: 'POST /roles',
    method: 'POST',
    url: () => '/api/v1/roles',
    valid: () => ({ key: `k${uniq()}`, name: 'Role', permissions: { objects: { '*': { read: 'own' } } } }),
    strings: ['key', 'name'],
  },
  {
    name: 'POST /api-keys',
    method: 'POST',
    url: () => '/api/v1/api-keys',
    valid: () => ({ name: 'integration' }),
    strings: ['name'],
  },
  {
    name: 'PATCH /auth/me',
    method: 'PATCH',
    url: () => '/api/v1/auth/me',
    valid: () => ({ name: 'Ada Admin', signature: 'Ada' }),
    strings: ['name', 'signature', 'timeZone'],
    nullable: ['signature', 'timeZone'],
  },
  {
    name: 'POST /auth/password',
    method: 'POST',
    url: () => '/api/v1/auth/password',
    valid: () => ({ currentPassword: 'wrong but well-formed', newPassword: 'a long enough password' }),
    strings: ['currentPassword', 'newPassword'],
  },
  {
    name: 'POST /auth/email',
    method: 'POST',
    url: () => '/api/v1/auth/email',
    valid: () => ({ currentPassword: 'wrong but well-formed', email: `e${uniq()}@example.test` }),
    strings: ['currentPassword', 'email'],
  },
  {
    name: 'PATCH /workspace',
    method: 'PATCH',
    url: () => '/api/v1/workspace',
    valid: () => ({ name: 'Acme' }),
    strings: ['name', 'currency', 'timeZone'],
  },
  {
    name: 'POST /setup',
    method: 'POST',
    url: () => '/api/v1/setup',
    valid: () => ({
      company: 'X',
      currency: 'CNY',
      timeZone: 'UTC',
      locale: 'en',
      admin: { name: 'X', email: `s${uniq()}@example.test`, password: 'a long enough password' },
    }),
    strings: ['company', 'currency', 'timeZone', 'locale'],
  },
  {
    name: 'POST /auth/login',
    method: 'POST',
    url: () => '/api/v1/auth/login',
    valid: () => ({ email: `nobody${uniq()}@example.test`, password: 'whatever it is' }),
    strings: ['email', 'password'],
  },
];

function expectProblem(res: Response, status: number | 'any4xx', field?: string) {
  if (status === 'any4xx') {
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  } else expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const p = res.json();
  expect(p).toMatchObject({ type: expect.any(String), title: expect.any(String), status: res.statusCode });
  if (field)
    expect(
      p.errors.map((e: { field: string }) => e.field),
      res.body.slice(0, 300),
    ).toContain(field);
}

async function counts() {
  const n = async (table: 'users' | 'teams' | 'roles' | 'business_units' | 'api_keys' | 'workspaces') =>
    Number(
      (
        await t.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await n('users'),
    teams: await n('teams'),
    roles: await n('roles'),
    units: await n('business_units'),
    keys: await n('api_keys'),
    ws: await n('workspaces'),
  };
}

describe('hostile input on identity writes', () => {
  for (const r of routes) {
    it(`${r.name}: refuses malformed and hostile bodies with 4xx problem+json and writes nothing`, async () => {
      const c = t.admin.client;
      const before = await counts();
      // A new client address per request: this is about validation, not the setup/login rate limits.
      const send = (body: unknown, headers?: Record<string, string>) =>
        c.request(r.method, r.url(), body, { 'x-forwarded-for': nextAddress(), ...headers });

      expectProblem(await send('{"name": "unterminated', { 'content-type': 'application/json' }), 400);
      expectProblem(await send('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
      for (const body of ['[]', 'null', '42', '"a string"', '[{"name":"x"}]']) {
        expectProblem(await send(body, { 'content-type': 'application/json' }), 400);
      }
      expectProblem(await send({ ...r.valid(), isAdmin: true }), 400, 'isAdmin');
      expectProblem(
        await send(`{"__proto__": {"role": "admin"}, ${JSON.stringify(r.valid()).slice(1)}`, {
          'content-type': 'application/json',
        }),
        400,
        '__proto__',
      );
      const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
      expectProblem(await send(`{"name": ${deep}}`, { 'content-type': 'application/json' }), 400);

      for (const field of r.strings) {
        const path = field;
        expectProblem(await send({ ...r.valid(), [field]: 'x'.repeat(10_000) }), 400, path);
        expectProblem(await send({ ...r.valid(), [field]: `bad\u0000value` }), 400, path);
        expectProblem(await send({ ...r.valid(), [field]: 12345 }), 400, path);
        expectProblem(await send({ ...r.valid(), [field]: { $ne: null } }), 400, path);
        expectProblem(await send({ ...r.valid(), [field]: ['a', 'b'] }), 400, path);
        if (!r.nullable?.includes(field))
          expectProblem(await send({ ...r.valid(), [field]: null }), 400, path);
      }
      expectProblem(await send({ ...r.valid(), pad: 'x'.repeat(BODY_LIMIT + 10) }), 413);

      expect(await counts()).toEqual(before);
      expect((await t.login(t.admin.email, t.admin.password)).auth.cookie).toBeTruthy();
    });
  }

  it('stores SQL fragments, emoji and any script verbatim as names (they are just text)', async () => {
    const names = [...SQL, '😀👍🏽 Zoë', '张伟（销售部）', 'Ｆｕｌｌｗｉｄｔｈ', 'مرحبا', 'a\u200db'];
    for (const name of names) {
      const user = await t.admin.client.post('/api/v1/users', {
        email: `v${uniq()}@example.test`,
        name,
        password: 'a long enough password',
        role: 'rep',
      });
      expect(user.statusCode, name).toBe(201);
      expect((await t.admin.client.get(`/api/v1/users/${user.json().id}`)).json().name).toBe(name);
      const team = await t.admin.client.post('/api/v1/teams', { name: `${name} ${uniq()}` });
      expect(team.statusCode, name).toBe(201);
      expect(team.json().name.startsWith(name)).toBe(true);
    }
    // The search takes the same strings as text, not SQL.
    for (const q of SQL) {
      const res = await t.admin.client.get(`/api/v1/users?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.map((u: { name: string }) => u.name)).toContain(q);
    }
    const tables = await t.store.db
      .selectFrom('roles')
      .select('key')
      .where('workspace_id', '=', t.workspaceId)
      .execute();
    expect(tables.map((x) => x.key)).toContain('admin');
  });

  it('refuses control characters and lone surrogate halves in names', async () => {
    for (const name of ['line\nbreak', 'bell\u0007', 'tab\there', 'half \ud800 surrogate']) {
      const res = await t.admin.client.post('/api/v1/teams', { name });
      expectProblem(res, 400, 'name');
    }
  });

  it('refuses bad path and query parameters with 4xx', async () => {
    const c = t.admin.client;
    expectProblem(await c.get('/api/v1/users/not-a-uuid'), 400, 'id');
    expectProblem(await c.get(`/api/v1/users/${encodeURIComponent("1' OR '1'='1")}`), 400, 'id');
    expectProblem(await c.get(`/api/v1/users/${'a'.repeat(300)}`), 'any4xx');
    for (const qs of [
      'limit=abc',
      'limit=0',
      'limit=-1',
      'limit=100000',
      'limit=1.5',
      'active=maybe',
      'teamId=x',
      'unknown=1',
      'q=' + 'x'.repeat(300),
    ]) {
      expectProblem(await c.get(`/api/v1/users?${qs}`), 400);
    }
    expectProblem(await c.get('/api/v1/audit-log?after=%00%00'), 400, 'after');
    expectProblem(await c.delete('/api/v1/api-keys/00000000-0000-7000-8000-000000000000'), 404);
    expectProblem(await c.get(`/api/v1/roles/${'r'.repeat(100)}`), 400);
  });
});
