// First-run setup on an empty installation (no workspace yet), over HTTP like the setup page.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, openTestStore, testConfig } from '../../../test/harness';
import { buildApp } from '../../app';

const demoModuleExists = ['ts', 'js'].some((ext) =>
  fs.existsSync(new URL(`../records/demoData.${ext}`, import.meta.url)),
);

const opened: { app: FastifyInstance; drop: () => Promise<void> }[] = [];
async function emptyInstallation() {
  const { store, drop } = await openTestStore();
  // An empty database: the template carries no workspace.
  const app = await buildApp({ config: testConfig(), store, logger: false });
  await app.ready();
  opened.push({ app, drop });
  return { app, store, anon: new Client(app) };
}
afterAll(async () => {
  for (const o of opened.splice(0)) {
    await o.app.close();
    await o.drop();
  }
});

// Refused attempts leave an installation empty, so they share one (opening a store costs seconds).
let empty: Awaited<ReturnType<typeof emptyInstallation>>;
beforeAll(async () => {
  empty = await emptyInstallation();
});
/** Each test its own client address, so the per-address rate limit of one test leaves the others alone. */
let addr = 1;
const from = () => ({ 'x-forwarded-for': `203.0.113.${addr++}` });

const valid = (over: Record<string, unknown> = {}) => ({
  company: '上海艾克米科技有限公司',
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  fiscalYearStartMonth: 4,
  admin: { name: '王芳', email: `Owner-${Date.now()}@Example.test`, password: 'a long first password' },
  ...over,
});

describe('first-run setup', () => {
  it('is needed on an empty installation, anonymously', async () => {
    const res = await empty.anon.get('/api/v1/setup');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ needed: true });
  });

  it('creates the workspace and admin, signs the admin in, and is refused afterwards', async () => {
    const { app, anon, store } = await emptyInstallation();
    const body = valid();
    const res = await anon.post('/api/v1/setup', body);
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me.user).toMatchObject({
      name: '王芳',
      email: body.admin.email.toLowerCase(),
      role: 'admin',
      locale: 'zh-CN',
    });
    expect(me.workspace).toMatchObject({
      name: body.company,
      currency: 'CNY',
      timeZone: 'Asia/Shanghai',
      locale: 'zh-CN',
      fiscalYearStartMonth: 4,
      recycleBinRetentionDays: 90,
    });
    expect(me.demoLoaded).toBe(false);
    const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
    expect(cookie.httpOnly).toBe(true);
    const admin = new Client(app, { cookie: `rapport_session=${cookie.value}`, csrf: me.csrfToken });
    expect((await admin.get('/api/v1/auth/me')).json().user.role).toBe('admin');
    const roles = (await admin.get('/api/v1/roles')).json().data.map((r: { key: string }) => r.key);
    expect(roles).toEqual(
      expect.arrayContaining(['admin', 'manager', 'rep', 'support', 'finance', 'marketing', 'readonly']),
    );
    const log = (await admin.get('/api/v1/audit-log?action=workspace.created')).json();
    expect(log.data).toHaveLength(1);

    expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: false });
    const again = await anon.post('/api/v1/setup', valid({ company: 'Hijack Inc' }));
    expect(again.statusCode).toBe(409);
    const count = await store.db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lets exactly one of two racing setups win', async () => {
    const { anon, store } = await emptyInstallation();
    const results = await Promise.all([
      anon.post('/api/v1/setup', valid()),
      anon.post('/api/v1/setup', valid()),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const count = await store.db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('names every bad field and creates nothing', async () => {
    const { anon } = empty;
    const res = await anon.post(
      '/api/v1/setup',
      {
        company: '',
        currency: 'RMB',
        timeZone: 'China/Beijing',
        locale: 'zh',
        fiscalYearStartMonth: 0,
        admin: { name: 'x', email: 'nope', password: 'short', role: 'god' },
        extra: true,
      },
      from(),
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'company',
        'currency',
        'timeZone',
        'locale',
        'fiscalYearStartMonth',
        'admin.email',
        'admin.password',
        'admin.role',
        'extra',
      ]),
    );
    expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: true });
  });

  it('checks the Origin even though no one is signed in', async () => {
    const { anon } = empty;
    const res = await anon.post('/api/v1/setup', valid(), { origin: 'https://evil.example', ...from() });
    expect(res.statusCode).toBe(403);
    expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: true });
  });

  it('rate limits setup attempts per address (429 with Retry-After)', async () => {
    const { anon } = empty;
    const me = from();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await anon.post('/api/v1/setup', { company: '' }, me)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    const last = await anon.post('/api/v1/setup', valid(), me);
    expect(statuses[10]).toBe(429);
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await anon.post('/api/v1/setup', { company: '' }, from())).statusCode).toBe(400);
  });

  // The demo data set is another domain's (modules/records/demoData.ts); until it exists, setup
  // says so instead of creating a workspace the admin did not ask for.
  it(`${demoModuleExists ? 'loads' : 'refuses (422, creating nothing)'} the demo data set when asked`, async () => {
    const { anon } = demoModuleExists ? await emptyInstallation() : empty;
    const res = await anon.post('/api/v1/setup', valid({ demo: true }), from());
    if (demoModuleExists) {
      expect(res.statusCode).toBe(201);
      expect(res.json().demoLoaded).toBe(true);
    } else {
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].field).toBe('demo');
      expect((await anon.get('/api/v1/setup')).json()).toEqual({ needed: true });
    }
  });
});
