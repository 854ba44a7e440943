// Test harness: a real database per test file (a copy of the migrated template: PGlite by default,
// PostgreSQL when TEST_DATABASE_URL is set), the real app driven through inject, and factories.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/platform/config';
import { openStore, type Store } from '../src/platform/db/open';
import { newId } from '../src/platform/ids';
import { hashPassword } from '../src/platform/auth/passwords';
import { createWorkspace } from '../src/modules/workspaces/createWorkspace';

export const ADMIN_PASSWORD = 'correct horse battery staple';

let counter = 0;
const unique = () => `${process.pid}_${Date.now().toString(36)}_${counter++}`;

/** A fresh database (copied from the template) — on the store this run tests. */
export async function openTestStore(): Promise<{ store: Store; drop: () => Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const templateDb = inject('templateDb');
  if (serverUrl && templateDb) {
    const name = `rapport_t_${unique()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: u.toString(), dataDir: '', poolSize: 5 });
    return {
      store,
      async drop() {
        await store.close();
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = path.join(path.dirname(inject('templateDir')), `t-${unique()}`);
  fs.cpSync(inject('templateDir'), dir, { recursive: true });
  const store = await openStore({ dataDir: dir, noLock: true });
  return {
    store,
    async drop() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: '.tmp/unused',
    WEB_DIST: '.tmp/no-web',
    ...env,
  });
}

export interface Response extends LightMyRequestResponse {
  body: string;
}

/** A signed-in (or anonymous) HTTP client over app.inject. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly auth: { cookie?: string; csrf?: string; bearer?: string } = {},
  ) {}

  request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.csrf && method !== 'GET') h['x-csrf-token'] ??= this.auth.csrf;
    if (this.auth.bearer) h.authorization = `Bearer ${this.auth.bearer}`;
    const opts: InjectOptions = { method, url, headers: h };
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) opts.payload = body;
      else opts.payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    return this.app.inject(opts) as Promise<Response>;
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  put(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  client: Client;
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  workspaceId: string;
  admin: TestUser;
  anon: Client;
  /** Signs in with email and password, returning a client carrying the cookie and CSRF token. */
  login(email: string, password: string): Promise<Client>;
  /** Creates a user with a built-in role (directly in the database) and signs them in. */
  createUser(opts: {
    role: string;
    teamId?: string;
    unitId?: string;
    managerId?: string;
    name?: string;
  }): Promise<TestUser>;
  createTeam(opts: { name?: string; managerId?: string; unitId?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'rapport_session');
  return new Client(app, { cookie: `rapport_session=${setCookie!.value}`, csrf: res.json().csrfToken });
}

export async function createTestApp(opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const { store, drop } = await openTestStore();
  const config = testConfig(opts.env);
  const app = await buildApp({ config, store, logger: false });
  await app.ready();
  const adminEmail = `admin-${unique()}@example.test`;
  const { workspaceId, adminUserId } = await createWorkspace(store.db, {
    name: 'Acme',
    currency: 'CNY',
    admin: { email: adminEmail, name: 'Ada Admin', password: ADMIN_PASSWORD },
  });
  const adminClient = await login(app, adminEmail, ADMIN_PASSWORD);
  const passwordHash = await hashPassword(ADMIN_PASSWORD);

  const t: TestApp = {
    app,
    store,
    workspaceId,
    admin: { id: adminUserId, email: adminEmail, password: ADMIN_PASSWORD, client: adminClient },
    anon: new Client(app),
    login: (email, password) => login(app, email, password),
    async createUser({ role, teamId, unitId, managerId, name }) {
      const r = await store.db
        .selectFrom('roles')
        .where('workspace_id', '=', workspaceId)
        .where('key', '=', role)
        .select('id')
        .executeTakeFirstOrThrow();
      const id = newId();
      const email = `${role}-${unique()}@example.test`;
      await store.db
        .insertInto('users')
        .values({
          workspace_id: workspaceId,
          id,
          email,
          name: name ?? `${role} ${counter}`,
          password_hash: passwordHash,
          role_id: r.id,
          team_id: teamId ?? null,
          unit_id: unitId ?? null,
          manager_id: managerId ?? null,
          active: true,
        })
        .execute();
      return { id, email, password: ADMIN_PASSWORD, client: await login(app, email, ADMIN_PASSWORD) };
    },
    async createTeam({ name, managerId, unitId }) {
      const id = newId();
      await store.db
        .insertInto('teams')
        .values({
          workspace_id: workspaceId,
          id,
          name: name ?? `Team ${unique()}`,
          manager_id: managerId ?? null,
          unit_id: unitId ?? null,
        })
        .execute();
      return id;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
  return t;
}
