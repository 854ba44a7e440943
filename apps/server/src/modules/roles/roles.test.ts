import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { firstExcess } from './permissionsCover';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const builtInKeys = ['admin', 'manager', 'rep', 'support', 'finance', 'marketing', 'readonly'];
const readOwn = { objects: { '*': { read: 'own', create: 'none', update: 'none', delete: 'none' } } };

describe('roles', () => {
  it('lists the built-in roles with labels in both languages', async () => {
    const res = await t.admin.client.get('/api/v1/roles');
    expect(res.statusCode).toBe(200);
    const roles = res.json().data;
    expect(roles.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(builtInKeys));
    const rep = roles.find((r: { key: string }) => r.key === 'rep');
    expect(rep).toMatchObject({ builtIn: true, label: { en: 'Sales rep', 'zh-CN': '销售代表' } });
    expect(rep.permissions.objects.companies.read).toBe('all');
    const admin = roles.find((r: { key: string }) => r.key === 'admin');
    expect(admin.userCount).toBeGreaterThanOrEqual(1);
  });

  it('shows non-admins role names but not the permission documents', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const roles = (await rep.client.get('/api/v1/roles')).json().data;
    expect(roles.length).toBeGreaterThanOrEqual(7);
    expect(roles.every((r: object) => !('permissions' in r))).toBe(true);
  });

  it('creates a custom role, assigns it, and the user gets its permissions at once', async () => {
    const res = await t.admin.client.post('/api/v1/roles', {
      key: 'auditor',
      name: 'Auditor',
      label: { en: 'Auditor', 'zh-CN': '审计员' },
      permissions: {
        objects: { '*': { read: 'all' }, leads: { read: 'none' } },
        fields: { deals: { amount: 'readOnly' }, contacts: { phone: 'hidden' } },
        capabilities: ['viewReports'],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'auditor', builtIn: false, label: { 'zh-CN': '审计员' } });
    const u = await t.createUser({ role: 'rep' });
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { role: 'auditor' });
    const me = (await u.client.get('/api/v1/auth/me')).json();
    expect(me.user.role).toBe('auditor');
    expect(me.permissions.fields.contacts.phone).toBe('hidden');
    expect(me.permissions.objects.leads.read).toBe('none');

    // Editing the role changes what its users may do on their next request.
    const patched = await t.admin.client.patch('/api/v1/roles/auditor', {
      permissions: { objects: { '*': { read: 'team' } }, capabilities: [] },
    });
    expect(patched.statusCode).toBe(200);
    const after = (await u.client.get('/api/v1/auth/me')).json();
    expect(after.permissions.objects['*'].read).toBe('team');
    expect(after.permissions.capabilities).toEqual([]);
  });

  it('validates the permission document field by field', async () => {
    const cases: [unknown, string][] = [
      [{ objects: { deals: { read: 'everyone' } } }, 'permissions.objects.deals.read'],
      [{ objects: { deals: { approve: 'all' } } }, 'permissions.objects.deals.approve'],
      [{ objects: {}, capabilities: ['godMode'] }, 'permissions.capabilities.0'],
      [{ objects: {}, fields: { deals: { amount: 'invisible' } } }, 'permissions.fields.deals.amount'],
      [
        { objects: { "deals'; drop table roles; --": { read: 'all' } } },
        "permissions.objects.deals'; drop table roles; --",
      ],
      [{ objects: {}, extra: 1 }, 'permissions.extra'],
    ];
    for (const [permissions, field] of cases) {
      const res = await t.admin.client.post('/api/v1/roles', { key: 'broken', name: 'Broken', permissions });
      expect(res.statusCode, JSON.stringify(permissions)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await t.admin.client.get('/api/v1/roles/broken')).statusCode).toBe(404);
  });

  it('refuses bad and duplicate keys', async () => {
    for (const key of ['Admin', 'a', '1abc', 'has space', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b']) {
      const res = await t.admin.client.post('/api/v1/roles', { key, name: 'X', permissions: readOwn });
      expect(res.statusCode, key).toBe(400);
    }
    const dup = await t.admin.client.post('/api/v1/roles', {
      key: 'rep',
      name: 'Another rep',
      permissions: readOwn,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('key');
  });

  it('never deletes a built-in role, nor restricts the admin role', async () => {
    for (const key of builtInKeys) {
      const res = await t.admin.client.delete(`/api/v1/roles/${key}`);
      expect(res.statusCode, key).toBe(422);
    }
    const restrict = await t.admin.client.patch('/api/v1/roles/admin', { permissions: readOwn });
    expect(restrict.statusCode).toBe(422);
    const renamed = await t.admin.client.patch('/api/v1/roles/admin', { name: 'Administrators' });
    expect(renamed.statusCode).toBe(200);
    expect((await t.admin.client.get('/api/v1/auth/me')).json().permissions.objects['*'].delete).toBe('all');
  });

  it('keeps a role somebody has (409) and deletes it once nobody does', async () => {
    await t.admin.client.post('/api/v1/roles', { key: 'temp', name: 'Temp', permissions: readOwn });
    const u = await t.createUser({ role: 'rep' });
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { role: 'temp' });
    const inUse = await t.admin.client.delete('/api/v1/roles/temp');
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().detail).toMatch(/1 user/);
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { role: 'rep' });
    expect((await t.admin.client.delete('/api/v1/roles/temp')).statusCode).toBe(204);
    const log = (await t.admin.client.get('/api/v1/audit-log?targetType=role')).json();
    expect(log.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['role.created', 'role.deleted']),
    );
  });
});

describe('permission containment', () => {
  const base = { fields: {}, capabilities: [] } as const;
  it('finds the first permission a role would grant beyond the holder', () => {
    const holder = { ...base, objects: { '*': { read: 'team', update: 'own' } } } as never;
    expect(firstExcess(holder, { ...base, objects: { '*': { read: 'own' } } } as never)).toBeNull();
    expect(firstExcess(holder, { ...base, objects: { deals: { read: 'all' } } } as never)).toMatch(
      /read scope "all" on deals/,
    );
    expect(firstExcess(holder, { ...base, objects: {}, capabilities: ['approve'] } as never)).toMatch(
      /approve/,
    );
  });
  it('treats a field hidden from the holder as something they cannot grant', () => {
    const holder = {
      capabilities: [],
      objects: { '*': { read: 'all' } },
      fields: { deals: { amount: 'hidden' } },
    } as never;
    expect(firstExcess(holder, { ...base, objects: { '*': { read: 'all' } } } as never)).toMatch(
      /deals.amount/,
    );
    expect(
      firstExcess(holder, {
        capabilities: [],
        objects: { '*': { read: 'all' } },
        fields: { deals: { amount: 'hidden' } },
      } as never),
    ).toBeNull();
  });
});
