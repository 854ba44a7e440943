// Deny by default: every /api/v1 route, whoever wrote it, answers an anonymous caller with 401,
// except the few below that exist for people who are not signed in yet. A new anonymous route
// must be added to this list on purpose (and reviewed), or this test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/harness';

const ANONYMOUS_ROUTES = new Set(['POST /api/v1/auth/login', 'GET /api/v1/setup', 'POST /api/v1/setup']);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const apiRoutes = () =>
  t.app.registeredRoutes.filter(
    (r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
  );
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const SOME_ID = '00000000-0000-7000-8000-000000000000';
const fill = (url: string) => url.replace(/:[A-Za-z_]\w*/g, SOME_ID).replace(/\*$/, 'x');

describe('anonymous access', () => {
  it('sees every route of the OpenAPI document in the route registry', () => {
    const registered = new Set(
      apiRoutes().map((r) => key({ method: r.method, url: r.url.replace(/:(\w+)/g, '{$1}') })),
    );
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths)
      .filter(([p]) => p.startsWith('/api/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((d) => !registered.has(d))).toEqual([]);
  });

  it('answers 401 problem+json on every /api/v1 route but the sign-in and setup ones', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const r of routes) {
      if (ANONYMOUS_ROUTES.has(key(r))) continue;
      const body = ['POST', 'PUT', 'PATCH'].includes(r.method) ? {} : undefined;
      const res = await t.anon.request(r.method as never, fill(r.url), body);
      const isProblem = String(res.headers['content-type']).includes('application/problem+json');
      if (res.statusCode !== 401 || !isProblem) wrong.push(`${key(r)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to an expired or forged session cookie and to a forged API key alike', async () => {
    const forgedCookie = new Client(t.app, { cookie: 'rapport_session=forged' });
    const forgedKey = new Client(t.app, { bearer: 'rpk_forged' });
    for (const r of apiRoutes().filter((x) => x.method === 'GET' && !ANONYMOUS_ROUTES.has(key(x)))) {
      expect((await forgedCookie.get(fill(r.url))).statusCode, key(r)).toBe(401);
      expect((await forgedKey.get(fill(r.url))).statusCode, key(r)).toBe(401);
    }
  });

  it('lists exactly the routes that opt out of sign-in', () => {
    const optedOut = apiRoutes()
      .filter((r) => r.isPublic || r.allowAnonymous)
      .map(key)
      .sort();
    expect(optedOut).toEqual([...ANONYMOUS_ROUTES].sort());
  });

  it('keeps the anonymous routes working without a session', async () => {
    expect((await t.anon.get('/api/v1/setup')).json()).toEqual({ needed: false });
    expect(
      (await t.anon.post('/api/v1/auth/login', { email: t.admin.email, password: t.admin.password }))
        .statusCode,
    ).toBe(200);
  });
});
