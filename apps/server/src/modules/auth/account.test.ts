// The signed-in user's own account: profile, password change, email change (current password asked again).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('profile', () => {
  it('edits name, language, time zone and signature, returned by /auth/me', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await u.client.patch('/api/v1/auth/me', {
      name: '李娜 🚀',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      signature: '李娜\n销售代表',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      name: '李娜 🚀',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      signature: '李娜\n销售代表',
    });
    expect(res.json().csrfToken).toBe(u.client.auth.csrf);
    // Clearing the language falls back to the workspace's.
    const cleared = await u.client.patch('/api/v1/auth/me', { locale: null });
    expect(cleared.json().user.locale).toBe('en');
  });

  it('refuses role, email or active in the profile (they are not the user’s to set here)', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await u.client.patch('/api/v1/auth/me', {
      role: 'admin',
      email: 'me@example.test',
      active: true,
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['active', 'email', 'role']);
    expect((await u.client.get('/api/v1/auth/me')).json().user.role).toBe('rep');
  });
});

describe('password change', () => {
  it('asks for the current password, ends the other sessions, keeps this one', async () => {
    const u = await t.createUser({ role: 'rep' });
    const other = await t.login(u.email, u.password);
    const wrong = await u.client.post('/api/v1/auth/password', {
      currentPassword: 'not it at all',
      newPassword: 'a new long password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'currentPassword', message: 'The current password is wrong' },
    ]);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);

    const ok = await u.client.post('/api/v1/auth/password', {
      currentPassword: u.password,
      newPassword: 'a new long password',
    });
    expect(ok.statusCode).toBe(204);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(
      (await t.anon.post('/api/v1/auth/login', { email: u.email, password: u.password })).statusCode,
    ).toBe(401);
    await t.login(u.email, 'a new long password');
    const log = (
      await t.admin.client.get(`/api/v1/audit-log?targetId=${u.id}&action=auth.passwordChanged`)
    ).json();
    expect(log.data).toHaveLength(1);
  });

  it('refuses a weak new password', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await u.client.post('/api/v1/auth/password', {
      currentPassword: u.password,
      newPassword: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('newPassword');
  });

  it('rate limits guesses of the current password (429 with Retry-After)', async () => {
    const u = await t.createUser({ role: 'rep' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await u.client.post('/api/v1/auth/password', {
        currentPassword: `guess ${i}`,
        newPassword: 'a new long password',
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // Even the right password waits out the window now.
    const right = await u.client.post('/api/v1/auth/password', {
      currentPassword: u.password,
      newPassword: 'a new long password',
    });
    expect(right.statusCode).toBe(429);
  });

  it('is not available to an API key', async () => {
    const u = await t.createUser({ role: 'rep' });
    const key = (await u.client.post('/api/v1/api-keys', { name: 'k' })).json();
    const res = await new Client(t.app, { bearer: key.token }).post('/api/v1/auth/password', {
      currentPassword: u.password,
      newPassword: 'a new long password',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('email change', () => {
  it('asks for the current password and signs in with the new address afterwards', async () => {
    const u = await t.createUser({ role: 'rep' });
    const email = `new-${Date.now()}@Example.test`;
    const wrong = await u.client.post('/api/v1/auth/email', { currentPassword: 'wrong password', email });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const ok = await u.client.post('/api/v1/auth/email', { currentPassword: u.password, email });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email.toLowerCase());
    await t.login(email, u.password);
    expect(
      (await t.anon.post('/api/v1/auth/login', { email: u.email, password: u.password })).statusCode,
    ).toBe(401);
  });

  it('refuses an address someone else has with 409', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await u.client.post('/api/v1/auth/email', {
      currentPassword: u.password,
      email: t.admin.email.toUpperCase(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('email');
  });
});
