import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { sha256 } from '../../platform/ids';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  clock.reset();
  await t?.close();
});

describe('API keys', () => {
  it('shows the token once, stores only its hash, and the key acts as its user', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const res = await rep.client.post('/api/v1/api-keys', { name: 'Zapier' });
    expect(res.statusCode).toBe(201);
    const key = res.json();
    expect(key).toMatchObject({ name: 'Zapier', userId: rep.id });
    expect(key.token).toMatch(/^rpk_[\w-]{40,}$/);
    const row = await t.store.db
      .selectFrom('api_keys')
      .where('id', '=', key.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(key.token));
    expect(JSON.stringify(row)).not.toContain(key.token);

    const bearer = new Client(t.app, { bearer: key.token });
    const me = (await bearer.get('/api/v1/auth/me')).json();
    expect(me.user).toMatchObject({ id: rep.id, role: 'rep' });
    const list = (await rep.client.get('/api/v1/api-keys')).json();
    expect(list.data).toEqual([
      expect.objectContaining({ id: key.id, name: 'Zapier', prefix: key.token.slice(0, 10) }),
    ]);
    expect(JSON.stringify(list)).not.toContain(key.token);
  });

  it('needs no CSRF token with a Bearer key, and ignores a foreign Origin', async () => {
    const key = (await t.admin.client.post('/api/v1/api-keys', { name: 'ci' })).json();
    const bearer = new Client(t.app, { bearer: key.token });
    const res = await bearer.post(
      '/api/v1/teams',
      { name: `Via key ${Date.now()}` },
      { origin: 'https://elsewhere.example' },
    );
    expect(res.statusCode).toBe(201);
  });

  it('revokes at once: the next request with the key is 401', async () => {
    const key = (await t.admin.client.post('/api/v1/api-keys', { name: 'short-lived' })).json();
    const bearer = new Client(t.app, { bearer: key.token });
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await t.admin.client.delete(`/api/v1/api-keys/${key.id}`)).statusCode).toBe(204);
    const after = await bearer.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
    expect((await t.admin.client.delete(`/api/v1/api-keys/${key.id}`)).statusCode).toBe(404);
  });

  it('lets users see and revoke only their own keys; admins see and revoke all', async () => {
    const a = await t.createUser({ role: 'rep' });
    const b = await t.createUser({ role: 'manager' });
    const ka = (await a.client.post('/api/v1/api-keys', { name: 'a' })).json();
    const kb = (await b.client.post('/api/v1/api-keys', { name: 'b' })).json();
    expect((await a.client.get('/api/v1/api-keys')).json().data.map((k: { id: string }) => k.id)).toEqual([
      ka.id,
    ]);
    expect((await a.client.delete(`/api/v1/api-keys/${kb.id}`)).statusCode).toBe(404);
    const all = (await t.admin.client.get(`/api/v1/api-keys?userId=${b.id}`)).json();
    expect(all.data.map((k: { id: string }) => k.id)).toEqual([kb.id]);
    expect((await t.admin.client.delete(`/api/v1/api-keys/${kb.id}`)).statusCode).toBe(204);
    const log = (await t.admin.client.get(`/api/v1/audit-log?targetId=${kb.id}`)).json();
    expect(log.data.map((e: { action: string }) => e.action).sort()).toEqual([
      'apiKey.created',
      'apiKey.revoked',
    ]);
  });

  it('does not let an API key mint more keys', async () => {
    const key = (await t.admin.client.post('/api/v1/api-keys', { name: 'parent' })).json();
    const res = await new Client(t.app, { bearer: key.token }).post('/api/v1/api-keys', { name: 'child' });
    expect(res.statusCode).toBe(403);
  });

  it('answers 401 for a made-up or malformed token', async () => {
    for (const token of ['rpk_nope', "' or 1=1 --", 'x'.repeat(5000)]) {
      const res = await new Client(t.app, { bearer: token }).get('/api/v1/auth/me');
      expect(res.statusCode).toBe(401);
    }
  });

  it('pages keys newest first', async () => {
    const u = await t.createUser({ role: 'rep' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await u.client.post('/api/v1/api-keys', { name: `k${i}` })).json().id);
    const p1 = (await u.client.get('/api/v1/api-keys?limit=2')).json();
    const p2 = (await u.client.get(`/api/v1/api-keys?limit=2&after=${p1.nextCursor}`)).json();
    expect([...p1.data, ...p2.data].map((k: { id: string }) => k.id)).toEqual(ids.reverse());
    expect(p2.nextCursor).toBeNull();
  });

  it('stops a key at its end date and says so; the list shows it as expired until revoked', async () => {
    const u = await t.createUser({ role: 'rep' });
    // Minutes, not days: the user's session must outlive the key for the list to be read.
    const ends = new Date(clock.now().getTime() + 5 * 60_000).toISOString();
    const res = await u.client.post('/api/v1/api-keys', { name: 'project', expiresAt: ends });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().expiresAt).toBe(ends);
    const bearer = new Client(t.app, { bearer: res.json().token });
    try {
      clock.advance(4 * 60_000);
      expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);
      clock.advance(120_000);
      const after = await bearer.get('/api/v1/auth/me');
      expect(after.statusCode).toBe(401);
      expect(after.json().detail).toMatch(/expired/);
      const listed = (await u.client.get('/api/v1/api-keys')).json().data;
      expect(listed).toEqual([
        expect.objectContaining({ id: res.json().id, expiresAt: ends, expired: true }),
      ]);
    } finally {
      clock.reset();
    }
    // A key without an end date keeps working and says so.
    const open = (await u.client.post('/api/v1/api-keys', { name: 'open' })).json();
    expect(open.expiresAt).toBeNull();
  });

  it('refuses an end date in the past, too far ahead or malformed, with a 400 on expiresAt', async () => {
    const day = 24 * 3600 * 1000;
    const at = (ms: number) => new Date(clock.now().getTime() + ms).toISOString();
    for (const expiresAt of [at(-day), at(3 * 366 * day), 'next tuesday', '2027-13-01T00:00:00Z', 42]) {
      const res = await t.admin.client.post('/api/v1/api-keys', { name: 'bad', expiresAt });
      expect(res.statusCode, `${expiresAt}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json().errors), String(expiresAt)).toContain('expiresAt');
    }
    const keys = (await t.admin.client.get('/api/v1/api-keys')).json().data;
    expect(keys.some((k: { name: string }) => k.name === 'bad')).toBe(false);
  });
});
