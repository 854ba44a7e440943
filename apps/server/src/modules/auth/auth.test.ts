import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('sign-in', () => {
  it('answers /healthz once migrated', async () => {
    const res = await t.anon.get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('returns the user, workspace, permissions and a CSRF token from /auth/me', async () => {
    const res = await t.admin.client.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.email).toBe(t.admin.email);
    expect(me.user.role).toBe('admin');
    expect(me.workspace.currency).toBe('CNY');
    expect(me.permissions.objects['*'].read).toBe('all');
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const res = await t.anon.post('/api/v1/auth/login', {
      email: t.admin.email,
      password: 'wrong password!',
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('answers 401 without a session', async () => {
    const res = await t.anon.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t.anon.request('POST', '/api/v1/auth/login', '{"email":', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/not valid JSON/);
  });

  it('rejects unknown fields and wrong types per field', async () => {
    const res = await t.anon.post('/api/v1/auth/login', { email: 5, password: 'x', admin: true });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'admin']));
  });

  it('signs out and the old cookie stops working', async () => {
    const c = await t.login(t.admin.email, ADMIN_PASSWORD);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const c = await t.login(t.admin.email, ADMIN_PASSWORD);
    const res = await c.request('POST', '/api/v1/auth/logout', {}, { 'x-csrf-token': 'nope' });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a write from a foreign Origin', async () => {
    const res = await t.admin.client.post('/api/v1/auth/logout', {}, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const res = await t.anon.get('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
