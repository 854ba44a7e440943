import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('teams', () => {
  it('creates, reads, renames and deletes a team', async () => {
    const res = await t.admin.client.post('/api/v1/teams', { name: '华东销售', managerId: t.admin.id });
    expect(res.statusCode).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ name: '华东销售', managerId: t.admin.id, unitId: null, memberCount: 0 });
    expect(res.headers.location).toBe(`/api/v1/teams/${team.id}`);
    const renamed = await t.admin.client.patch(`/api/v1/teams/${team.id}`, {
      name: 'East China sales',
      managerId: null,
    });
    expect(renamed.json()).toMatchObject({ name: 'East China sales', managerId: null });
    expect((await t.admin.client.get(`/api/v1/teams/${team.id}`)).json().name).toBe('East China sales');
    expect((await t.admin.client.delete(`/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    expect((await t.admin.client.get(`/api/v1/teams/${team.id}`)).statusCode).toBe(404);
  });

  it('refuses a second team of the same name in any case with 409', async () => {
    await t.admin.client.post('/api/v1/teams', { name: 'Key Accounts' });
    const dup = await t.admin.client.post('/api/v1/teams', { name: 'key accounts' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('name');
  });

  it('counts members through their teamId and keeps a team with members', async () => {
    const team = (await t.admin.client.post('/api/v1/teams', { name: `Members ${Date.now()}` })).json();
    const rep = await t.createUser({ role: 'rep', teamId: team.id });
    expect((await t.admin.client.get(`/api/v1/teams/${team.id}`)).json().memberCount).toBe(1);
    const del = await t.admin.client.delete(`/api/v1/teams/${team.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toMatch(/1 member/);
    // The member's own view of their team scope follows the membership.
    expect((await rep.client.get('/api/v1/auth/me')).json().user.teamId).toBe(team.id);
  });

  it('names a manager or unit that does not exist', async () => {
    const res = await t.admin.client.post('/api/v1/teams', {
      name: 'Ghosts',
      managerId: '00000000-0000-7000-8000-000000000009',
      unitId: '00000000-0000-7000-8000-000000000008',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['managerId', 'unitId']);
  });

  it('lets everyone read teams but only user admins change them', async () => {
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get('/api/v1/teams')).statusCode).toBe(200);
    expect((await rep.client.post('/api/v1/teams', { name: 'Mine' })).statusCode).toBe(403);
  });

  it('pages teams by name', async () => {
    for (const name of ['Page A', 'Page B', 'Page C']) await t.admin.client.post('/api/v1/teams', { name });
    const first = (await t.admin.client.get('/api/v1/teams?limit=2')).json();
    expect(first.data).toHaveLength(2);
    const rest = (await t.admin.client.get(`/api/v1/teams?limit=200&after=${first.nextCursor}`)).json();
    const names = [...first.data, ...rest.data].map((x: { name: string }) => x.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(rest.nextCursor).toBeNull();
  });
});
