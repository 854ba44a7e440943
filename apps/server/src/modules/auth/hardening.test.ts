// Security headers on every answer and the login rate limit (429 with Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '5' } });
});
afterAll(async () => {
  await t?.close();
});

describe('security headers', () => {
  it('sends the browser hardening headers on API answers, errors included', async () => {
    for (const res of [await t.admin.client.get('/api/v1/auth/me'), await t.anon.get('/api/v1/users')]) {
      const h = res.headers;
      expect(h['content-security-policy']).toContain("default-src 'self'");
      expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(h['content-security-policy']).toContain("object-src 'none'");
      expect(h['x-content-type-options']).toBe('nosniff');
      expect(h['x-frame-options']).toBe('SAMEORIGIN');
      expect(h['referrer-policy']).toBe('no-referrer');
      expect(h['cross-origin-opener-policy']).toBe('same-origin');
      expect(h['cache-control']).toBe('no-store');
      expect(h['x-powered-by']).toBeUndefined();
      expect(h['x-request-id']).toBeTruthy();
    }
  });

  it('sends HSTS and Secure cookies only when told the site is on HTTPS', async () => {
    expect((await t.anon.get('/healthz')).headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      expect((await secure.anon.get('/healthz')).headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const res = await secure.anon.post('/api/v1/auth/login', {
        email: secure.admin.email,
        password: ADMIN_PASSWORD,
      });
      expect(res.cookies.find((c) => c.name === 'rapport_session')).toMatchObject({
        secure: true,
        httpOnly: true,
      });
    } finally {
      await secure.close();
    }
  });
});

describe('login rate limit', () => {
  const wrong = (email: string, ip: string) =>
    t.anon.post('/api/v1/auth/login', { email, password: 'not the password' }, { 'x-forwarded-for': ip });

  it('answers 429 with Retry-After once an account has too many failures, even for the right password', async () => {
    const u = await t.createUser({ role: 'rep' });
    const statuses: number[] = [];
    // From different addresses: the per-account limit holds against a distributed guesser.
    for (let i = 0; i < 6; i++) statuses.push((await wrong(u.email, `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await t.anon.post('/api/v1/auth/login', { email: u.email, password: u.password });
    expect(right.statusCode).toBe(429);
    expect(right.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // The user's existing sessions are untouched by someone guessing.
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('limits one address guessing many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 26; i++)
      statuses.push((await wrong(`nobody${i}@example.test`, '192.0.2.77')).statusCode);
    expect(statuses.slice(0, 25).every((s) => s === 401)).toBe(true);
    expect(statuses[25]).toBe(429);
  });

  it('never limits successful sign-ins from one shared office address', async () => {
    const u = await t.createUser({ role: 'rep' });
    for (let i = 0; i < 40; i++) {
      const res = await t.anon.post(
        '/api/v1/auth/login',
        { email: u.email, password: u.password },
        { 'x-forwarded-for': '192.0.2.200' },
      );
      expect(res.statusCode).toBe(200);
    }
  });

  it('answers unknown and known addresses alike', async () => {
    const u = await t.createUser({ role: 'rep' });
    const unknown = await wrong('nobody-at-all@example.test', '192.0.2.90');
    const known = await wrong(u.email, '192.0.2.91');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(known.json().detail);
  });
});
