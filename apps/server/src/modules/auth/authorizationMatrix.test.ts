// The authorisation matrix of identity and access: every route × every built-in role × own or
// someone else's target → the expected status. Admin-only routes answer 403 to the others;
// things that belong to someone else (their API key, their session) answer 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp, type TestUser } from '../../../test/harness';
import { createApiKey } from '../../platform/auth/apiKeys';
import { createSession, sessionPolicy } from '../../platform/auth/sessions';
import { newId } from '../../platform/ids';

const ROLES = ['admin', 'manager', 'rep', 'support', 'finance', 'marketing', 'readonly'] as const;
type Role = (typeof ROLES)[number];
type Target = 'own' | 'other' | '-';

let t: TestApp;
const actors = {} as Record<Role, TestUser>;
let other: TestUser;
let otherTeam: string;

beforeAll(async () => {
  t = await createTestApp();
  otherTeam = await t.createTeam({ name: 'Other team' });
  other = await t.createUser({ role: 'rep', teamId: otherTeam });
  for (const role of ROLES) {
    const team = await t.createTeam({ name: `Team of ${role}` });
    actors[role] = await t.createUser({ role, teamId: team });
  }
});
afterAll(async () => {
  await t?.close();
});

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  client?: Client;
}
interface Case {
  route: string;
  targets: Target[];
  /** Builds a fresh request (fixtures included) for this actor and target. */
  make: (actor: TestUser, role: Role, target: Target) => Promise<Request>;
  expect: (role: Role, target: Target) => number;
}

const everyone = (status: number) => () => status;
const adminOnly = (status: number) => (role: Role) => (role === 'admin' ? status : 403);
const targetUser = (actor: TestUser, target: Target) => (target === 'own' ? actor : other);
const uniq = () => newId().slice(-12);

const freshUnit = async () =>
  (await t.admin.client.post('/api/v1/business-units', { name: `Unit ${uniq()}`, currency: 'CNY' })).json()
    .id as string;
const freshRole = async () => {
  const key = `r${uniq()}`;
  await t.admin.client.post('/api/v1/roles', {
    key,
    name: key,
    permissions: { objects: { '*': { read: 'own' } } },
  });
  return key;
};
const freshSession = async (user: TestUser) =>
  (
    await createSession(t.store.db, sessionPolicy(t.app.config), {
      workspaceId: t.workspaceId,
      userId: user.id,
    })
  ).id;
const teamOf = async (user: TestUser) =>
  (await t.store.db.selectFrom('users').where('id', '=', user.id).select('team_id').executeTakeFirstOrThrow())
    .team_id!;

const cases: Case[] = [
  // Users: the directory is everyone's; changing users is for user admins.
  {
    route: 'GET /users',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/users' }),
    expect: everyone(200),
  },
  {
    route: 'GET /users/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({ method: 'GET', url: `/api/v1/users/${targetUser(a, tg).id}` }),
    expect: everyone(200),
  },
  {
    route: 'POST /users',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        email: `m${uniq()}@example.test`,
        name: 'New',
        password: 'a long enough password',
        role: 'rep',
      },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /users/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({
      method: 'PATCH',
      url: `/api/v1/users/${targetUser(a, tg).id}`,
      body: { name: `Renamed ${uniq()}` },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'PATCH /users/{id} {active:false}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => {
      const victim = tg === 'own' ? a : await t.createUser({ role: 'rep' });
      return { method: 'PATCH', url: `/api/v1/users/${victim.id}`, body: { active: false } };
    },
    // Deactivating oneself is refused even for an admin.
    expect: (role, tg) => (role !== 'admin' ? 403 : tg === 'own' ? 422 : 200),
  },
  // Teams and business units: read by all, changed by user admins.
  {
    route: 'GET /teams',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/teams' }),
    expect: everyone(200),
  },
  {
    route: 'GET /teams/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({
      method: 'GET',
      url: `/api/v1/teams/${tg === 'own' ? await teamOf(a) : otherTeam}`,
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /teams',
    targets: ['-'],
    make: async () => ({ method: 'POST', url: '/api/v1/teams', body: { name: `Team ${uniq()}` } }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /teams/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({
      method: 'PATCH',
      url: `/api/v1/teams/${tg === 'own' ? await teamOf(a) : otherTeam}`,
      body: { managerId: a.id },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /teams/{id}',
    targets: ['-'],
    make: async () => ({ method: 'DELETE', url: `/api/v1/teams/${await t.createTeam({})}` }),
    expect: adminOnly(204),
  },
  {
    route: 'GET /business-units',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/business-units' }),
    expect: everyone(200),
  },
  {
    route: 'GET /business-units/{id}',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: `/api/v1/business-units/${await freshUnit()}` }),
    expect: everyone(200),
  },
  {
    route: 'POST /business-units',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/business-units',
      body: { name: `BU ${uniq()}`, currency: 'EUR' },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /business-units/{id}',
    targets: ['-'],
    make: async () => ({
      method: 'PATCH',
      url: `/api/v1/business-units/${await freshUnit()}`,
      body: { currency: 'USD' },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /business-units/{id}',
    targets: ['-'],
    make: async () => ({ method: 'DELETE', url: `/api/v1/business-units/${await freshUnit()}` }),
    expect: adminOnly(204),
  },
  // Roles: names for all, permission documents and changes for user admins.
  {
    route: 'GET /roles',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/roles' }),
    expect: everyone(200),
  },
  {
    route: 'GET /roles/{key}',
    targets: ['own', 'other'],
    make: async (_a, role, tg) => ({
      method: 'GET',
      url: `/api/v1/roles/${tg === 'own' ? role : 'finance'}`,
    }),
    expect: everyone(200),
  },
  {
    route: 'POST /roles',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/roles',
      body: { key: `n${uniq()}`, name: 'New role', permissions: { objects: { '*': { read: 'own' } } } },
    }),
    expect: adminOnly(201),
  },
  {
    route: 'PATCH /roles/{key}',
    targets: ['own', 'other'],
    make: async (_a, role, tg) => ({
      method: 'PATCH',
      url: `/api/v1/roles/${tg === 'own' && role !== 'admin' ? role : await freshRole()}`,
      body: { name: `Renamed ${uniq()}` },
    }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /roles/{key}',
    targets: ['-'],
    make: async () => ({ method: 'DELETE', url: `/api/v1/roles/${await freshRole()}` }),
    expect: adminOnly(204),
  },
  // API keys: everyone has their own; someone else's key is not there (404) except for admins.
  {
    route: 'POST /api-keys',
    targets: ['-'],
    make: async () => ({ method: 'POST', url: '/api/v1/api-keys', body: { name: 'matrix' } }),
    expect: everyone(201),
  },
  {
    route: 'GET /api-keys',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/api-keys' }),
    expect: everyone(200),
  },
  {
    route: 'DELETE /api-keys/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => {
      const owner = targetUser(a, tg);
      const key = await createApiKey(t.store.db, t.workspaceId, owner.id, 'to revoke');
      return { method: 'DELETE', url: `/api/v1/api-keys/${key.id}` };
    },
    expect: (role, tg) => (tg === 'own' || role === 'admin' ? 204 : 404),
  },
  // Own sessions and account.
  {
    route: 'POST /auth/login',
    targets: ['own', 'other'],
    // Signing in again (with a session already) replaces that session; a fresh client keeps the actor's.
    make: async (a, _r, tg) => {
      const who = targetUser(a, tg);
      return {
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { email: who.email, password: who.password },
        client: await t.login(a.email, a.password),
      };
    },
    expect: everyone(200),
  },
  {
    route: 'GET /auth/me',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    expect: everyone(200),
  },
  {
    route: 'PATCH /auth/me',
    targets: ['-'],
    make: async () => ({ method: 'PATCH', url: '/api/v1/auth/me', body: { timeZone: 'Asia/Shanghai' } }),
    expect: everyone(200),
  },
  {
    route: 'POST /auth/password (wrong current password)',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      body: { currentPassword: 'not the password', newPassword: 'another long password' },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /auth/email (wrong current password)',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/auth/email',
      body: { currentPassword: 'not the password', email: `x${uniq()}@example.test` },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /auth/logout',
    targets: ['-'],
    make: async (a) => ({
      method: 'POST',
      url: '/api/v1/auth/logout',
      client: await t.login(a.email, a.password),
    }),
    expect: everyone(204),
  },
  {
    route: 'GET /auth/sessions',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/auth/sessions' }),
    expect: everyone(200),
  },
  {
    route: 'DELETE /auth/sessions/{id}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${await freshSession(targetUser(a, tg))}`,
    }),
    // Only one's own: even an admin ends others' sessions under /users/{id}/sessions.
    expect: (_role, tg) => (tg === 'own' ? 204 : 404),
  },
  {
    route: 'DELETE /auth/sessions',
    targets: ['-'],
    make: async () => ({ method: 'DELETE', url: '/api/v1/auth/sessions' }),
    expect: everyone(200),
  },
  // Anyone's sessions: user admins.
  {
    route: 'GET /users/{id}/sessions',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => ({ method: 'GET', url: `/api/v1/users/${targetUser(a, tg).id}/sessions` }),
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /users/{id}/sessions/{sid}',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => {
      const u = targetUser(a, tg);
      return { method: 'DELETE', url: `/api/v1/users/${u.id}/sessions/${await freshSession(u)}` };
    },
    expect: adminOnly(204),
  },
  {
    route: 'DELETE /users/{id}/sessions',
    targets: ['own', 'other'],
    make: async (a, _r, tg) => {
      const u = targetUser(a, tg);
      await freshSession(u);
      return { method: 'DELETE', url: `/api/v1/users/${u.id}/sessions` };
    },
    expect: adminOnly(200),
  },
  // Workspace settings and the audit log.
  {
    route: 'GET /workspace',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/workspace' }),
    expect: everyone(200),
  },
  {
    route: 'PATCH /workspace',
    targets: ['-'],
    make: async () => ({ method: 'PATCH', url: '/api/v1/workspace', body: { fiscalYearStartMonth: 1 } }),
    expect: adminOnly(200),
  },
  {
    route: 'GET /audit-log',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/audit-log' }),
    expect: adminOnly(200),
  },
  // Setup is over once a workspace exists, for everyone.
  {
    route: 'GET /setup',
    targets: ['-'],
    make: async () => ({ method: 'GET', url: '/api/v1/setup' }),
    expect: everyone(200),
  },
  {
    route: 'POST /setup',
    targets: ['-'],
    make: async () => ({
      method: 'POST',
      url: '/api/v1/setup',
      body: {
        company: 'Again',
        currency: 'CNY',
        timeZone: 'UTC',
        locale: 'en',
        admin: { name: 'X', email: `s${uniq()}@example.test`, password: 'a long enough password' },
      },
    }),
    expect: everyone(409),
  },
];

describe('authorisation matrix', () => {
  for (const c of cases) {
    it(`${c.route}: ${ROLES.join(', ')} × ${c.targets.join('/')}`, async () => {
      const mismatches: string[] = [];
      for (const role of ROLES) {
        for (const target of c.targets) {
          const actor = actors[role];
          const req = await c.make(actor, role, target);
          const client = req.client ?? actor.client;
          const res = await client.request(req.method, req.url, req.body);
          const want = c.expect(role, target);
          if (res.statusCode !== want)
            mismatches.push(
              `${role}/${target}: got ${res.statusCode}, want ${want} ${res.body.slice(0, 160)}`,
            );
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('covers every identity route registered by this area', () => {
    const mine =
      /^\/api\/v1\/(users|teams|business-units|roles|api-keys|auth|setup|workspace|audit-log)(\/|$)/;
    const covered = new Set(cases.map((c) => c.route.split(' (')[0]!.split(' {')[0]!));
    const routes = t.app.registeredRoutes
      .filter((r) => mine.test(r.url) && r.method !== 'HEAD')
      .map(
        (r) =>
          `${r.method} ${r.url
            .replace('/api/v1', '')
            .replace(':idOrKey', '{key}')
            .replace(/:(\w+)/g, '{$1}')}`,
      );
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });
});
