import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/harness';
import { auditActionLabels } from './actionLabels';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('audit log', () => {
  it('records admin actions with who, what and when — and never a password or token', async () => {
    const password = 'a secret password 123';
    const u = (
      await t.admin.client.post('/api/v1/users', {
        email: `audit${Date.now()}@example.test`,
        name: 'Audited',
        password,
        role: 'rep',
      })
    ).json();
    await t.admin.client.patch(`/api/v1/users/${u.id}`, { password: 'another secret 456' });
    const key = (await t.admin.client.post('/api/v1/api-keys', { name: 'audited key' })).json();
    const log = (await t.admin.client.get('/api/v1/audit-log?limit=200')).json();
    const text = JSON.stringify(log);
    expect(text).not.toContain(password);
    expect(text).not.toContain('another secret 456');
    expect(text).not.toContain(key.token);
    expect(text).not.toMatch(/\$argon2/);
    const created = log.data.find(
      (e: { action: string; targetId: string }) => e.action === 'user.created' && e.targetId === u.id,
    );
    expect(created).toMatchObject({
      actorId: t.admin.id,
      actorName: 'Ada Admin',
      targetType: 'user',
      details: { role: 'rep' },
    });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
  });

  it('names the API key an action came through', async () => {
    const key = (await t.admin.client.post('/api/v1/api-keys', { name: 'automation' })).json();
    const team = (
      await new Client(t.app, { bearer: key.token }).post('/api/v1/teams', { name: `By key ${Date.now()}` })
    ).json();
    const entry = (await t.admin.client.get(`/api/v1/audit-log?targetId=${team.id}`)).json().data[0];
    expect(entry).toMatchObject({
      action: 'team.created',
      actorId: t.admin.id,
      details: { via: { apiKeyId: key.id } },
    });
  });

  it('pages newest first without repeats, and filters by actor and action', async () => {
    const rep = await t.createUser({ role: 'rep' });
    for (let i = 0; i < 5; i++)
      await t.admin.client.post('/api/v1/teams', { name: `Audit page ${i} ${Date.now()}` });
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = (
        await t.admin.client.get(
          `/api/v1/audit-log?action=team.created&limit=2${after ? `&after=${after}` : ''}`,
        )
      ).json() as {
        data: { id: string; action: string }[];
        nextCursor: string | null;
      };
      expect(page.data.every((e) => e.action === 'team.created')).toBe(true);
      ids.push(...page.data.map((e) => e.id));
      after = page.nextCursor;
    } while (after);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort().reverse()).toEqual(ids);
    const byRep = (await t.admin.client.get(`/api/v1/audit-log?actorId=${rep.id}`)).json();
    expect(byRep.data).toEqual([]);
  });

  it('is for user admins only', async () => {
    for (const role of ['manager', 'rep', 'readonly']) {
      const u = await t.createUser({ role });
      expect((await u.client.get('/api/v1/audit-log')).statusCode).toBe(403);
    }
  });

  it('labels every action identity code writes, in English and Simplified Chinese', () => {
    const dirs = ['users', 'teams', 'units', 'roles', 'apiKeys', 'sessions', 'setup', 'workspace', 'auth'];
    const written = new Set<string>();
    for (const dir of dirs) {
      const folder = new URL(`../${dir}/`, import.meta.url);
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
        const src = fs.readFileSync(new URL(file, folder), 'utf8');
        for (const m of src.matchAll(/'((?:user|role|team|unit|session|apiKey|auth|workspace)\.[a-zA-Z]+)'/g))
          written.add(m[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((a) => !auditActionLabels[a])).toEqual([]);
    for (const [action, label] of Object.entries(auditActionLabels)) {
      expect(label.en, action).toBeTruthy();
      expect(label['zh-CN'], action).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
