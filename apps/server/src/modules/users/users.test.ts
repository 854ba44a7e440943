import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
const newUser = (over: Record<string, unknown> = {}) => ({
  email: `person${n++}-${Date.now()}@example.test`,
  name: `Person ${n}`,
  password: 'a long enough password',
  role: 'rep',
  ...over,
});

describe('users', () => {
  it('creates a user who can then sign in, with Location and the full record', async () => {
    const body = newUser({ name: '张伟', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const res = await t.admin.client.post('/api/v1/users', body);
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(res.headers.location).toBe(`/api/v1/users/${u.id}`);
    expect(u).toMatchObject({
      email: body.email,
      name: '张伟',
      role: 'rep',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      active: true,
    });
    expect(u).not.toHaveProperty('password');
    expect(u).not.toHaveProperty('passwordHash');
    const c = await t.login(body.email, body.password);
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.user).toMatchObject({ id: u.id, role: 'rep', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
  });

  it('lower-cases the email and refuses a duplicate in any case with 409 naming the field', async () => {
    const body = newUser({ email: `Mixed.Case${Date.now()}@Example.TEST` });
    const first = await t.admin.client.post('/api/v1/users', body);
    expect(first.json().email).toBe(body.email.toLowerCase());
    const again = await t.admin.client.post('/api/v1/users', {
      ...newUser(),
      email: body.email.toUpperCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'email', message: 'Already in use' }]);
  });

  it('names each bad field: unknown role, team, unit and manager ids', async () => {
    const res = await t.admin.client.post(
      '/api/v1/users',
      newUser({
        role: 'emperor',
        teamId: '00000000-0000-7000-8000-000000000001',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('role');
    const refs = await t.admin.client.post(
      '/api/v1/users',
      newUser({
        teamId: '00000000-0000-7000-8000-000000000001',
        unitId: '00000000-0000-7000-8000-000000000002',
        managerId: '00000000-0000-7000-8000-000000000003',
      }),
    );
    expect(refs.statusCode).toBe(400);
    expect(refs.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'teamId',
      'unitId',
      'managerId',
    ]);
  });

  it('refuses weak passwords, bad emails, unknown time zones and locales', async () => {
    const res = await t.admin.client.post(
      '/api/v1/users',
      newUser({ password: 'short', email: 'not-an-email', timeZone: 'Mars/Olympus', locale: 'xx' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['password', 'email', 'timeZone', 'locale']));
  });

  it('lists users by name with keyset pages that never repeat or skip', async () => {
    const prefix = `Pager${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      const r = await t.admin.client.post(
        '/api/v1/users',
        newUser({ name: `${prefix} ${String.fromCharCode(69 - i)}` }),
      );
      expect(r.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const url = `/api/v1/users?q=${prefix}&limit=2${after ? `&after=${after}` : ''}`;
      const page = (await t.admin.client.get(url)).json() as {
        data: { name: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.data.map((u) => u.name));
      after = page.nextCursor;
      pages++;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['A', 'B', 'C', 'D', 'E'].map((l) => `${prefix} ${l}`));
  });

  it('searches by part of the name or email, treating % and _ literally', async () => {
    const body = newUser({ name: 'Quentin Uniquename', email: `quentin_${Date.now()}@example.test` });
    await t.admin.client.post('/api/v1/users', body);
    const byName = (await t.admin.client.get('/api/v1/users?q=uniquena')).json();
    expect(byName.data.map((u: { email: string }) => u.email)).toEqual([body.email]);
    const byEmail = (
      await t.admin.client.get(`/api/v1/users?q=${encodeURIComponent(body.email.slice(0, 12))}`)
    ).json();
    expect(byEmail.data.map((u: { email: string }) => u.email)).toContain(body.email);
    const wildcard = (await t.admin.client.get('/api/v1/users?q=%25')).json();
    expect(wildcard.data).toEqual([]);
  });

  it('filters by role, team and active', async () => {
    const team = await t.createTeam({});
    const inTeam = (
      await t.admin.client.post('/api/v1/users', newUser({ role: 'finance', teamId: team }))
    ).json();
    const list = (await t.admin.client.get(`/api/v1/users?teamId=${team}`)).json();
    expect(list.data.map((u: { id: string }) => u.id)).toEqual([inTeam.id]);
    const finance = (await t.admin.client.get('/api/v1/users?role=finance')).json();
    expect(finance.data.every((u: { role: string }) => u.role === 'finance')).toBe(true);
    await t.admin.client.patch(`/api/v1/users/${inTeam.id}`, { active: false });
    const active = (await t.admin.client.get(`/api/v1/users?teamId=${team}&active=true`)).json();
    expect(active.data).toEqual([]);
  });

  it('refuses a forged cursor with 400 naming "after"', async () => {
    const res = await t.admin.client.get('/api/v1/users?after=bm9wZQ');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('after');
    const tampered = Buffer.from(JSON.stringify(['x', "1' or 1=1 --"])).toString('base64url');
    const res2 = await t.admin.client.get(`/api/v1/users?after=${tampered}`);
    expect(res2.statusCode).toBe(400);
  });

  it('shows colleagues only the directory entry (id, name, email, team)', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const list = (await rep.client.get('/api/v1/users?limit=200')).json();
    const admin = list.data.find((u: { id: string }) => u.id === t.admin.id);
    expect(Object.keys(admin).sort()).toEqual(['active', 'email', 'id', 'name', 'teamId']);
    const one = await rep.client.get(`/api/v1/users/${t.admin.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty('role');
  });

  it('answers 404 for a user id of no one (or of another workspace)', async () => {
    const res = await t.admin.client.get('/api/v1/users/00000000-0000-7000-8000-00000000abcd');
    expect(res.statusCode).toBe(404);
  });

  it('edits a user and records each change in the audit log', async () => {
    const u = (await t.admin.client.post('/api/v1/users', newUser())).json();
    const team = await t.createTeam({});
    const res = await t.admin.client.patch(`/api/v1/users/${u.id}`, {
      name: 'Renamed',
      teamId: team,
      role: 'manager',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', teamId: team, role: 'manager' });
    const log = (await t.admin.client.get(`/api/v1/audit-log?targetId=${u.id}`)).json();
    const actions = log.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.roleChanged']));
    const changed = log.data.find((e: { action: string }) => e.action === 'user.updated');
    expect(changed.details.changes.name).toEqual({ from: u.name, to: 'Renamed' });
    expect(changed.actorId).toBe(t.admin.id);
    expect(changed.label).toEqual({ en: 'User changed', 'zh-CN': '修改用户' });
  });

  it('deactivation ends the user’s sessions and API keys at once; they cannot sign in', async () => {
    const body = newUser();
    const u = (await t.admin.client.post('/api/v1/users', body)).json();
    const c = await t.login(body.email, body.password);
    const key = (await c.post('/api/v1/api-keys', { name: 'script' })).json();
    const bearer = new (c.constructor as typeof import('../../../test/harness').Client)(t.app, {
      bearer: key.token,
    });
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);

    const res = await t.admin.client.patch(`/api/v1/users/${u.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
    const login = await t.anon.post('/api/v1/auth/login', { email: body.email, password: body.password });
    expect(login.statusCode).toBe(401);
    expect(login.json().detail).toMatch(/deactivated/);

    // Reactivated, they sign in again; the revoked key stays revoked.
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { active: true });
    expect(
      (await t.anon.post('/api/v1/auth/login', { email: body.email, password: body.password })).statusCode,
    ).toBe(200);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
    const log = (await t.admin.client.get(`/api/v1/audit-log?targetId=${u.id}`)).json();
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['user.deactivated', 'user.reactivated']),
    );
  });

  it('an admin password reset ends the user’s sessions and the new password works', async () => {
    const body = newUser();
    const u = (await t.admin.client.post('/api/v1/users', body)).json();
    const c = await t.login(body.email, body.password);
    const res = await t.admin.client.patch(`/api/v1/users/${u.id}`, { password: 'brand new password 2' });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    await t.login(body.email, 'brand new password 2');
  });

  it('keeps an admin from changing their own role, status, email or password here', async () => {
    for (const patch of [
      { role: 'rep' },
      { active: false },
      { email: 'x@example.test' },
      { password: 'another long password' },
    ]) {
      const res = await t.admin.client.patch(`/api/v1/users/${t.admin.id}`, patch);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toBe(Object.keys(patch)[0]);
    }
    expect((await t.admin.client.get('/api/v1/auth/me')).json().user.role).toBe('admin');
  });

  it('keeps at least one active administrator', async () => {
    // A delegated user admin who holds every permission (so may manage admins) without the admin role.
    const everything = { read: 'all', create: 'all', update: 'all', delete: 'all' };
    const me = (await t.admin.client.get('/api/v1/auth/me')).json();
    const role = await t.admin.client.post('/api/v1/roles', {
      key: 'deputy',
      name: 'Deputy',
      permissions: { objects: { '*': everything }, capabilities: me.permissions.capabilities },
    });
    expect(role.statusCode).toBe(201);
    const deputy = (await t.admin.client.post('/api/v1/users', newUser({ role: 'deputy' }))).json();
    const dc = await t.login(deputy.email, 'a long enough password');

    // With two admins, one of them may go.
    const other = await t.createUser({ role: 'admin' });
    expect((await dc.patch(`/api/v1/users/${other.id}`, { active: false })).statusCode).toBe(200);
    // The last one may neither be deactivated nor demoted.
    const off = await dc.patch(`/api/v1/users/${t.admin.id}`, { active: false });
    expect(off.statusCode).toBe(422);
    expect(off.json().detail).toMatch(/at least one active administrator/);
    const demoted = await dc.patch(`/api/v1/users/${t.admin.id}`, { role: 'rep' });
    expect(demoted.statusCode).toBe(422);
    expect(demoted.json().errors[0].field).toBe('role');
    expect((await t.admin.client.get('/api/v1/auth/me')).json().user).toMatchObject({
      role: 'admin',
      active: true,
    });
  });

  it('refuses a reporting loop and self-management', async () => {
    const a = (await t.admin.client.post('/api/v1/users', newUser())).json();
    const b = (await t.admin.client.post('/api/v1/users', newUser({ managerId: a.id }))).json();
    const self = await t.admin.client.patch(`/api/v1/users/${a.id}`, { managerId: a.id });
    expect(self.statusCode).toBe(400);
    const loop = await t.admin.client.patch(`/api/v1/users/${a.id}`, { managerId: b.id });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().errors[0].field).toBe('managerId');
  });
});

describe('delegated user admins', () => {
  it('may not hand out (or reach) more than they hold', async () => {
    const role = await t.admin.client.post('/api/v1/roles', {
      key: 'helpdesk',
      name: 'Helpdesk',
      permissions: { objects: { '*': { read: 'all' } }, capabilities: ['manageUsers'] },
    });
    expect(role.statusCode).toBe(201);
    const hd = (await t.admin.client.post('/api/v1/users', newUser({ role: 'helpdesk' }))).json();
    const c = await t.login(hd.email, 'a long enough password');

    const asAdmin = await c.post('/api/v1/users', newUser({ role: 'admin' }));
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().detail).toMatch(/grants/);
    const promoteSelf = await c.patch(`/api/v1/users/${hd.id}`, { role: 'admin' });
    expect(promoteSelf.statusCode).toBe(422);
    const resetAdmin = await c.patch(`/api/v1/users/${t.admin.id}`, { password: 'taken over password' });
    expect(resetAdmin.statusCode).toBe(403);
    const widen = await c.patch('/api/v1/roles/helpdesk', {
      permissions: { objects: { '*': { read: 'all', update: 'all' } }, capabilities: ['manageUsers'] },
    });
    expect(widen.statusCode).toBe(403);
    // Within their reach: a read-only colleague.
    const ro = await c.post('/api/v1/users', newUser({ role: 'readonly' }));
    expect(ro.statusCode).toBe(201);
  });
});
