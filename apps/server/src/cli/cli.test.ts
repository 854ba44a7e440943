// The `rapport` command as a user runs it: real child processes, exit codes and messages.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '../platform/auth/passwords';
import { openStore } from '../platform/db/open';
import { runRapport } from './fixtures/processes';

const serverUrl = inject('serverUrl');
const root = path.dirname(inject('templateDir'));
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

let n = 0;
function dir(opts: { migrated: boolean }): string {
  const d = path.join(root, `cli-${process.pid}-${n++}`);
  if (opts.migrated) fs.cpSync(inject('templateDir'), d, { recursive: true });
  cleanup.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

async function withEmbedded<T>(
  dataDir: string,
  fn: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
) {
  const store = await openStore({ dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const password = 'correct horse battery staple';
// Each step is a whole process (tsx, PGlite, argon2); a fresh data directory alone takes seconds.
const SLOW = 240_000;
const oneLine = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('rapport (no database needed)', () => {
  it('prints its usage for help, and exit code 2 for an unknown command', async () => {
    const help = await runRapport(['help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/backup FILE.*\n.*restore FILE.*\n.*migrate-to postgres/);
    const bad = await runRapport(['frobnicate'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
    expect((await runRapport(['admin', 'delete'], {})).code).toBe(2);
  });

  it('names the variable when the configuration is wrong', async () => {
    const r = await runRapport(['migrate'], { DATA_DIR: dir({ migrated: false }), PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('PORT');
    oneLine(r.stderr);
    const url = await runRapport(['migrate'], { DATABASE_URL: 'mysql://localhost/crm' });
    expect(url.code).toBe(1);
    expect(url.stderr).toMatch(/DATABASE_URL: must start with postgres/);
  });

  it('says in one line that a PostgreSQL server cannot be reached', async () => {
    const r = await runRapport(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rapport' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach the PostgreSQL server (ECONNREFUSED)');
    oneLine(r.stderr);
  });

  it('refuses `rapport worker` on the embedded store with the reason', async () => {
    const r = await runRapport(['worker'], { DATA_DIR: dir({ migrated: false }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('rapport worker needs DATABASE_URL');
  });
});

describe('rapport migrate and admin create (embedded store)', () => {
  it(
    'migrates a new data directory, and a second run has nothing to do',
    async () => {
      const d = dir({ migrated: false });
      const first = await runRapport(['migrate'], { DATA_DIR: d });
      expect(first).toMatchObject({ code: 0, stdout: 'Database is up to date.\n' });
      expect(fs.existsSync(path.join(d, 'rapport.lock'))).toBe(false);
      expect((await runRapport(['migrate'], { DATA_DIR: d })).code).toBe(0);
      const applied = await withEmbedded(d, (s) =>
        s.db
          .selectFrom('kysely_migration' as never)
          .selectAll()
          .execute(),
      );
      expect(applied.length).toBe(
        fs.readdirSync(new URL('../migrations/', import.meta.url)).filter((f) => /^\d{4}_.+\.ts$/.test(f))
          .length,
      );
    },
    SLOW,
  );

  it(
    'creates the first admin with the workspace, then more admins in it, and refuses bad input',
    async () => {
      const d = dir({ migrated: true });
      const env = { DATA_DIR: d };
      const missing = await runRapport(['admin', 'create', '--password', password], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('--email must be an email address');
      const notEmail = await runRapport(
        ['admin', 'create', '--email', 'nobody', '--password', password],
        env,
      );
      expect(notEmail.stderr).toContain('--email must be an email address');
      const noPassword = await runRapport(['admin', 'create', '--email', 'a@example.test'], env);
      expect(noPassword.stderr).toContain('--password is required');
      const weak = await runRapport(
        ['admin', 'create', '--email', 'a@example.test', '--password', 'short'],
        env,
      );
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/--password: /);

      const ok = await runRapport(
        ['admin', 'create', '--email', 'Owner@Example.test', '--password', password],
        env,
      );
      expect(ok).toMatchObject({ code: 0, stdout: 'Admin owner@example.test created.\n' });
      const again = await runRapport(
        ['admin', 'create', '--email', 'owner@example.test', '--password', password],
        env,
      );
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('A user with the email owner@example.test already exists');
      const second = await runRapport(
        ['admin', 'create', '--email=second@example.test', `--password=${password}`, '--name', '李娜'],
        env,
      );
      expect(second.code).toBe(0);

      await withEmbedded(d, async (s) => {
        const users = await s.db
          .selectFrom('users')
          .innerJoin('roles', (j) =>
            j.onRef('roles.workspace_id', '=', 'users.workspace_id').onRef('roles.id', '=', 'users.role_id'),
          )
          .select(['users.email', 'users.name', 'users.workspace_id', 'users.password_hash', 'roles.key'])
          .orderBy('users.email')
          .execute();
        expect(users.map((u) => [u.email, u.name, u.key])).toEqual([
          ['owner@example.test', 'Administrator', 'admin'],
          ['second@example.test', '李娜', 'admin'],
        ]);
        expect(users[0]!.workspace_id).toBe(users[1]!.workspace_id);
        expect(await verifyPassword(users[0]!.password_hash!, password)).toBe(true);
        expect((await s.db.selectFrom('workspaces').select('id').execute()).length).toBe(1);
      });
    },
    SLOW,
  );
});

describe('rapport backup and restore (embedded store)', () => {
  it(
    'backs up, restores into an empty directory, refuses to overwrite, and replaces with --force',
    async () => {
      const source = dir({ migrated: true });
      await runRapport(['admin', 'create', '--email', 'owner@example.test', '--password', password], {
        DATA_DIR: source,
      });
      fs.mkdirSync(path.join(source, 'files', 'exports'), { recursive: true });
      fs.writeFileSync(path.join(source, 'files', 'exports', 'a.csv'), 'name\n张伟\n');
      const file = path.join(root, `cli-backup-${process.pid}.rapport.gz`);
      cleanup.push(() => fs.rmSync(file, { force: true }));

      const backup = await runRapport(['backup', file], { DATA_DIR: source });
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(
        /^Backed up [\d,]+ rows of \d+ tables and 1 files from the embedded store/,
      );
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
      const twice = await runRapport(['backup', file], { DATA_DIR: source });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('already exists; choose another name or pass --force');

      const target = dir({ migrated: false });
      const restore = await runRapport(['restore', file], { DATA_DIR: target });
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(
        /^Restored [\d,]+ rows of \d+ tables and 1 files into the embedded store/,
      );
      expect(fs.readFileSync(path.join(target, 'files', 'exports', 'a.csv'), 'utf8')).toBe('name\n张伟\n');
      const emails = await withEmbedded(target, (s) => s.db.selectFrom('users').select('email').execute());
      expect(emails).toEqual([{ email: 'owner@example.test' }]);

      const over = await runRapport(['restore', file], { DATA_DIR: target });
      expect(over.code).toBe(1);
      expect(over.stderr).toContain('already holds data');
      expect(over.stderr).toContain('--force');
      oneLine(over.stderr);
      const forced = await runRapport(['restore', file, '--force'], { DATA_DIR: target });
      expect(forced.code).toBe(0);
    },
    SLOW,
  );

  it(
    'refuses files that are not backups, missing files and empty data directories',
    async () => {
      const target = dir({ migrated: false });
      const notBackup = path.join(root, `cli-not-backup-${process.pid}.csv`);
      fs.writeFileSync(notBackup, 'name,email\nx,y\n');
      cleanup.push(() => fs.rmSync(notBackup, { force: true }));
      const r = await runRapport(['restore', notBackup], { DATA_DIR: target });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is not a Rapport backup');
      const missing = await runRapport(['restore', path.join(root, 'nope.gz')], { DATA_DIR: target });
      expect(missing.stderr).toContain('does not exist');
      expect((await runRapport(['restore'], { DATA_DIR: target })).stderr).toContain(
        'Usage: rapport restore FILE',
      );
      const empty = await runRapport(['backup', path.join(root, `never-${process.pid}.gz`)], {
        DATA_DIR: path.join(root, 'no-such-dir'),
      });
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('There is no Rapport data in');
      expect(fs.existsSync(path.join(root, 'no-such-dir'))).toBe(false);
    },
    SLOW,
  );
});

describe.runIf(serverUrl)('rapport on PostgreSQL (needs TEST_DATABASE_URL)', () => {
  async function database(): Promise<string> {
    const name = `rapport_cli_${process.pid}_${n++}`;
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanup.push(async () => {
      const a = new pg.Client({ connectionString: serverUrl! });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    });
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  }

  it(
    'migrates a PostgreSQL database and says when the database does not exist',
    async () => {
      const url = await database();
      expect(await runRapport(['migrate'], { DATABASE_URL: url })).toMatchObject({ code: 0 });
      const u = new URL(url);
      u.pathname = '/rapport_no_such_database';
      const r = await runRapport(['migrate'], { DATABASE_URL: u.toString() });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /database "rapport_no_such_database" does not exist: create the database first/,
      );
    },
    SLOW,
  );

  it(
    'migrate-to copies the embedded store into an empty PostgreSQL database, once',
    async () => {
      const source = dir({ migrated: true });
      await runRapport(['admin', 'create', '--email', 'owner@example.test', '--password', password], {
        DATA_DIR: source,
      });
      const url = await database();
      const r = await runRapport(['migrate-to', url], { DATA_DIR: source });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Copied [\d,]+ rows of \d+ tables from /);
      const store = await openStore({ databaseUrl: url, dataDir: source, poolSize: 1 });
      try {
        expect(await store.db.selectFrom('users').select('email').execute()).toEqual([
          { email: 'owner@example.test' },
        ]);
      } finally {
        await store.close();
      }
      const twice = await runRapport(['migrate-to', url], { DATA_DIR: source });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('already holds data');
      const withUrl = await runRapport(['migrate-to', url], { DATA_DIR: source, DATABASE_URL: url });
      expect(withUrl.stderr).toContain('unset DATABASE_URL');
      expect((await runRapport(['migrate-to', 'mysql://x'], { DATA_DIR: source })).stderr).toContain(
        'Usage: rapport migrate-to',
      );
    },
    SLOW,
  );

  it(
    'backs up PostgreSQL and restores it into an empty embedded data directory',
    async () => {
      const url = await database();
      const files = dir({ migrated: false });
      await runRapport(['admin', 'create', '--email', 'pg@example.test', '--password', password], {
        DATABASE_URL: url,
        DATA_DIR: files,
      });
      const file = path.join(root, `cli-pg-backup-${process.pid}.rapport.gz`);
      cleanup.push(() => fs.rmSync(file, { force: true }));
      const b = await runRapport(['backup', file], { DATABASE_URL: url, DATA_DIR: files });
      expect(b.code).toBe(0);
      expect(b.stdout).toContain('from the PostgreSQL database');
      const target = dir({ migrated: false });
      expect((await runRapport(['restore', file], { DATA_DIR: target })).code).toBe(0);
      const emails = await withEmbedded(target, (s) => s.db.selectFrom('users').select('email').execute());
      expect(emails).toEqual([{ email: 'pg@example.test' }]);
    },
    SLOW,
  );
});
