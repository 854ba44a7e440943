import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { loadActor } from '../../platform/auth/loadActor';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (body: unknown) => t.admin.client.post('/api/v1/business-units', body);

describe('business units', () => {
  it('creates a subsidiary tree, each unit with its own currency', async () => {
    const group = await post({ name: 'Acme Group', currency: 'USD' });
    expect(group.statusCode).toBe(201);
    const cn = await post({ name: 'Acme China', currency: 'CNY', parentId: group.json().id });
    expect(cn.json()).toMatchObject({ name: 'Acme China', currency: 'CNY', parentId: group.json().id });
    const children = (await t.admin.client.get(`/api/v1/business-units?parentId=${group.json().id}`)).json();
    expect(children.data.map((u: { name: string }) => u.name)).toEqual(['Acme China']);
  });

  it('refuses currencies that are not ISO 4217', async () => {
    for (const currency of ['usd', 'XYZ', 'RMB', 'US', 42]) {
      const res = await post({ name: `Bad ${currency}`, currency });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('currency');
    }
  });

  it('refuses to make a unit its own ancestor', async () => {
    const a = (await post({ name: 'Loop A', currency: 'EUR' })).json();
    const b = (await post({ name: 'Loop B', currency: 'EUR', parentId: a.id })).json();
    const self = await t.admin.client.patch(`/api/v1/business-units/${a.id}`, { parentId: a.id });
    expect(self.statusCode).toBe(422);
    const loop = await t.admin.client.patch(`/api/v1/business-units/${a.id}`, { parentId: b.id });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().errors[0].field).toBe('parentId');
    expect((await t.admin.client.get(`/api/v1/business-units/${a.id}`)).json().parentId).toBeNull();
  });

  it('keeps a unit that still has sub-units, teams or users', async () => {
    const parent = (await post({ name: 'Holding', currency: 'HKD' })).json();
    await post({ name: 'Holding child', currency: 'HKD', parentId: parent.id });
    const res = await t.admin.client.delete(`/api/v1/business-units/${parent.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/1 sub-unit/);

    const lone = (await post({ name: 'Lone', currency: 'JPY' })).json();
    await t.createTeam({ unitId: lone.id });
    expect((await t.admin.client.delete(`/api/v1/business-units/${lone.id}`)).statusCode).toBe(409);

    const empty = (await post({ name: 'Empty', currency: 'GBP' })).json();
    expect((await t.admin.client.delete(`/api/v1/business-units/${empty.id}`)).statusCode).toBe(204);
  });

  it('gives a unit member the "unit" scope over their unit and every unit below it', async () => {
    const top = (await post({ name: 'Scope top', currency: 'CNY' })).json();
    const below = (await post({ name: 'Scope below', currency: 'CNY', parentId: top.id })).json();
    const deeper = (await post({ name: 'Scope deeper', currency: 'CNY', parentId: below.id })).json();
    const sibling = (await post({ name: 'Scope sibling', currency: 'CNY' })).json();
    const head = await t.createUser({ role: 'manager', unitId: top.id });
    const middle = await t.createUser({ role: 'manager', unitId: below.id });
    const a = await loadActor(t.store.db, t.workspaceId, head.id, 'user');
    expect(a!.actor.unitIds.sort()).toEqual([top.id, below.id, deeper.id].sort());
    expect(a!.actor.unitIds).not.toContain(sibling.id);
    const m = await loadActor(t.store.db, t.workspaceId, middle.id, 'user');
    expect(m!.actor.unitIds.sort()).toEqual([below.id, deeper.id].sort());
  });

  it('lets everyone read units but only user admins change them', async () => {
    const rep = await t.createUser({ role: 'rep' });
    expect((await rep.client.get('/api/v1/business-units')).statusCode).toBe(200);
    expect((await rep.client.post('/api/v1/business-units', { name: 'X', currency: 'CNY' })).statusCode).toBe(
      403,
    );
  });
});
