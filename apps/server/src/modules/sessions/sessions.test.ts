// Sessions per OWASP ASVS V7: expiry, sign-out, revocation, CSRF and Origin defences, new tokens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/harness';
import { clock } from '../../platform/clock';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' } });
});
afterAll(async () => {
  clock.reset();
  await t?.close();
});
afterEach(() => clock.reset());

const MINUTE = 60_000;
const cookieOf = (c: Client) => c.auth.cookie!;

describe('time-outs', () => {
  it('ends a session after the idle time-out, and activity keeps it alive until then', async () => {
    const u = await t.createUser({ role: 'rep' });
    clock.advance(29 * MINUTE);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    clock.advance(31 * MINUTE);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
    // The admin's own session idled out too; a fresh one sees no active session left for the user.
    const admin = await t.login(t.admin.email, t.admin.password);
    expect((await admin.get(`/api/v1/users/${u.id}/sessions`)).json().data).toEqual([]);
  });

  it('ends a session at the absolute time-out however active it is', async () => {
    const u = await t.createUser({ role: 'rep' });
    for (let minutes = 20; minutes <= 100; minutes += 20) {
      clock.advance(20 * MINUTE);
      expect((await u.client.get('/api/v1/auth/me')).statusCode, `after ${minutes} min`).toBe(200);
    }
    clock.advance(25 * MINUTE); // 125 minutes in: never idle for long, but past the 2-hour limit
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('reports when each session will expire', async () => {
    const u = await t.createUser({ role: 'rep' });
    const [s] = (await u.client.get('/api/v1/auth/sessions')).json().data;
    const idleEnd = new Date(s.lastSeenAt).getTime() + 30 * MINUTE;
    expect(new Date(s.expiresAt).getTime()).toBe(idleEnd);
  });
});

describe('signing in and out', () => {
  it('issues a new token at every sign-in and revokes the one the browser brought', async () => {
    const u = await t.createUser({ role: 'rep' });
    const again = await t.login(u.email, u.password);
    expect(cookieOf(again)).not.toBe(cookieOf(u.client));
    // Signing in while carrying a valid session cookie replaces that session.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: cookieOf(again) },
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'rapport_session')!.value).not.toBe(
      cookieOf(again).split('=')[1],
    );
    expect((await again.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('sets an httpOnly, SameSite=Lax session cookie scoped to the whole site', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await t.anon.post('/api/v1/auth/login', { email: u.email, password: u.password });
    const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect(cookie.expires).toBeUndefined(); // a browser-session cookie unless "remember me"
  });

  it('signs out: the cookie stops working and is cleared', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await u.client.post('/api/v1/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toMatch(/rapport_session=;/);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('a deactivated user loses every session at once', async () => {
    const u = await t.createUser({ role: 'rep' });
    const second = await t.login(u.email, u.password);
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { active: false });
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('a revoked API key stops working at once', async () => {
    const u = await t.createUser({ role: 'rep' });
    const key = (await u.client.post('/api/v1/api-keys', { name: 'sync' })).json();
    const bearer = new Client(t.app, { bearer: key.token });
    expect((await bearer.get('/api/v1/users')).statusCode).toBe(200);
    await u.client.delete(`/api/v1/api-keys/${key.id}`);
    expect((await bearer.get('/api/v1/users')).statusCode).toBe(401);
  });
});

describe('CSRF and Origin', () => {
  it('refuses a cookie-authenticated write without (or with a wrong) X-CSRF-Token', async () => {
    const u = await t.createUser({ role: 'rep' });
    const noToken = new Client(t.app, { cookie: cookieOf(u.client) });
    const res = await noToken.patch('/api/v1/auth/me', { name: 'Forged' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const wrong = await u.client.request(
      'PATCH',
      '/api/v1/auth/me',
      { name: 'Forged' },
      { 'x-csrf-token': 'guess' },
    );
    expect(wrong.statusCode).toBe(403);
    // Another session's token does not fit this session.
    const other = await t.createUser({ role: 'rep' });
    const crossed = await u.client.request(
      'PATCH',
      '/api/v1/auth/me',
      { name: 'Forged' },
      { 'x-csrf-token': other.client.auth.csrf! },
    );
    expect(crossed.statusCode).toBe(403);
    expect((await u.client.get('/api/v1/auth/me')).json().user.name).not.toBe('Forged');
    expect((await u.client.patch('/api/v1/auth/me', { name: 'Real' })).statusCode).toBe(200);
  });

  it('refuses writes from a foreign or opaque Origin even with the right token', async () => {
    const u = await t.createUser({ role: 'rep' });
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example']) {
      const res = await u.client.patch('/api/v1/auth/me', { name: 'Forged' }, { origin });
      expect(res.statusCode, origin).toBe(403);
    }
    const same = await u.client.patch(
      '/api/v1/auth/me',
      { name: 'Same origin' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(same.statusCode).toBe(200);
  });

  it('lets reads through without a token (they change nothing)', async () => {
    const u = await t.createUser({ role: 'rep' });
    const res = await new Client(t.app, { cookie: cookieOf(u.client) }).get('/api/v1/auth/sessions');
    expect(res.statusCode).toBe(200);
  });
});

describe('seeing and ending sessions', () => {
  it('lists my sessions with the current one flagged, and never anyone else’s', async () => {
    const u = await t.createUser({ role: 'rep' });
    const phone = await t.login(u.email, u.password);
    await t.createUser({ role: 'rep' });
    const list = (await u.client.get('/api/v1/auth/sessions')).json().data;
    expect(list).toHaveLength(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const fromPhone = (await phone.get('/api/v1/auth/sessions')).json().data;
    expect(fromPhone.find((s: { current: boolean }) => s.current).id).not.toBe(
      list.find((s: { current: boolean }) => s.current).id,
    );
  });

  it('ends another of my sessions, which is then signed out; the current one stays', async () => {
    const u = await t.createUser({ role: 'rep' });
    const laptop = await t.login(u.email, u.password);
    const laptopId = (await laptop.get('/api/v1/auth/sessions'))
      .json()
      .data.find((s: { current: boolean }) => s.current).id;
    expect((await u.client.delete(`/api/v1/auth/sessions/${laptopId}`)).statusCode).toBe(204);
    expect((await laptop.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await u.client.delete(`/api/v1/auth/sessions/${laptopId}`)).statusCode).toBe(404);
  });

  it('ending the current session signs me out', async () => {
    const u = await t.createUser({ role: 'rep' });
    const current = (await u.client.get('/api/v1/auth/sessions')).json().data[0].id;
    const res = await u.client.delete(`/api/v1/auth/sessions/${current}`);
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toMatch(/rapport_session=;/);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('signs out everywhere else', async () => {
    const u = await t.createUser({ role: 'rep' });
    const a = await t.login(u.email, u.password);
    const b = await t.login(u.email, u.password);
    const res = await u.client.delete('/api/v1/auth/sessions');
    expect(res.json()).toEqual({ ended: 2 });
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('cannot end someone else’s session through /auth/sessions (404)', async () => {
    const victim = await t.createUser({ role: 'rep' });
    const attacker = await t.createUser({ role: 'rep' });
    const sid = (await victim.client.get('/api/v1/auth/sessions')).json().data[0].id;
    expect((await attacker.client.delete(`/api/v1/auth/sessions/${sid}`)).statusCode).toBe(404);
    expect((await victim.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('an admin lists and ends another user’s sessions, and it is audited', async () => {
    const u = await t.createUser({ role: 'rep' });
    const other = await t.login(u.email, u.password);
    const list = (await t.admin.client.get(`/api/v1/users/${u.id}/sessions`)).json().data;
    expect(list).toHaveLength(2);
    expect(list.every((s: { current: boolean }) => !s.current)).toBe(true);
    expect((await t.admin.client.delete(`/api/v1/users/${u.id}/sessions/${list[0].id}`)).statusCode).toBe(
      204,
    );
    const left = (await t.admin.client.get(`/api/v1/users/${u.id}/sessions`)).json().data;
    expect(left).toHaveLength(1);
    expect((await t.admin.client.delete(`/api/v1/users/${u.id}/sessions`)).json()).toEqual({ ended: 1 });
    expect((await u.client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    const log = (await t.admin.client.get(`/api/v1/audit-log?targetId=${u.id}`)).json();
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['session.revoked', 'session.revokedAll']),
    );
  });

  it('a session id that belongs to another user is 404 under this user', async () => {
    const a = await t.createUser({ role: 'rep' });
    const b = await t.createUser({ role: 'rep' });
    const sidOfB = (await b.client.get('/api/v1/auth/sessions')).json().data[0].id;
    expect((await t.admin.client.delete(`/api/v1/users/${a.id}/sessions/${sidOfB}`)).statusCode).toBe(404);
    expect((await b.client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('refuses non-admins the admin session routes', async () => {
    const rep = await t.createUser({ role: 'manager' });
    expect((await rep.client.get(`/api/v1/users/${t.admin.id}/sessions`)).statusCode).toBe(403);
    expect((await rep.client.delete(`/api/v1/users/${t.admin.id}/sessions`)).statusCode).toBe(403);
  });
});
