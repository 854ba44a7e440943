// Backup and restore round trips between the stores, compared table by table and file by file.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { emitEvent } from '../../platform/events/outbox';
import { filesRoot } from '../../platform/files/storage';
import { newId } from '../../platform/ids';
import { createWorkspace } from '../workspaces/createWorkspace';
import { listTables } from './catalog';
import { restoreBackup } from './restoreBackup';
import { inTransaction } from './sqlSession';
import { writeBackup } from './writeBackup';
import { type Scratch, scratch } from './testStores';

const serverUrl = inject('serverUrl');
// Whole databases are created, filled, copied and compared: slow on a busy two-core machine.
const SLOW = 240_000;
const stores: Scratch[] = [];
afterAll(async () => {
  for (const s of stores.reverse()) await s.drop();
});
const track = async (p: Promise<Scratch>) => {
  const s = await p;
  stores.push(s);
  return s;
};

const hostile = `'; DROP TABLE users; -- "quoted" \\ back\\slash\nnew line\ttab 张伟 🎉 ${'長'.repeat(2000)}`;

/** Business data with the awkward cases: cycles between tables, exact numbers, text that fights SQL. */
async function seed(s: Scratch) {
  const db = s.store.db;
  const { workspaceId, adminUserId } = await createWorkspace(db, {
    name: '示例公司 Acme',
    currency: 'CNY',
    admin: {
      email: `admin-${newId()}@example.test`,
      name: 'Ada Admin',
      password: 'correct horse battery staple',
    },
  });
  await db
    .updateTable('workspaces')
    .set({
      settings: sql`${JSON.stringify({ note: hostile, nested: { list: [1, 'two', null, true] } })}::jsonb || '{"exact": 12345678901234567890.123456789}'::jsonb`,
    })
    .where('id', '=', workspaceId)
    .execute();
  const role = await db
    .selectFrom('roles')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', 'rep')
    .select('id')
    .executeTakeFirstOrThrow();
  const teamId = newId();
  const repId = newId();
  // users.team_id → teams and teams.manager_id → users: a cycle no table order can satisfy.
  await db
    .insertInto('teams')
    .values({ workspace_id: workspaceId, id: teamId, name: hostile.slice(0, 200) })
    .execute();
  await db
    .insertInto('users')
    .values({
      workspace_id: workspaceId,
      id: repId,
      email: `rep-${newId()}@example.test`,
      name: hostile,
      password_hash: null,
      role_id: role.id,
      team_id: teamId,
      manager_id: adminUserId,
      active: true,
    })
    .execute();
  await db.updateTable('teams').set({ manager_id: repId }).where('id', '=', teamId).execute();
  // 2,500 rows: more than one backup page (2,000) and several restore batches (500).
  for (let i = 0; i < 2500; i += 500) {
    await sql`
      INSERT INTO audit_log (workspace_id, id, actor_id, action, details, created_at)
      SELECT ${workspaceId}::uuid, gen_random_uuid(), ${repId}::uuid, 'test.row',
             jsonb_build_object('i', g, 'text', ${hostile.slice(0, 120)}::text),
             now() - make_interval(secs => g * 0.000123)
      FROM generate_series(${i}::int, ${i + 499}::int) g`.execute(db);
  }
  for (let i = 0; i < 3; i++) {
    await emitEvent(db, {
      workspaceId,
      type: 'record.created',
      object: 'contacts',
      recordId: newId(),
      payload: { i },
    });
  }
  const root = filesRoot(s.dataDir);
  fs.mkdirSync(path.join(root, 'imports', workspaceId), { recursive: true });
  fs.writeFileSync(path.join(root, 'imports', workspaceId, `${newId()}.csv`), randomBytes(200_000));
  fs.writeFileSync(path.join(root, 'imports', workspaceId, 'empty'), '');
  fs.mkdirSync(path.join(root, 'exports', '中文 目录'), { recursive: true });
  fs.writeFileSync(path.join(root, 'exports', '中文 目录', '客户 list.txt'), '张伟,zw\n');
  fs.writeFileSync(path.join(root, 'exports', 'unfinished.part'), 'half-written upload');
  return { workspaceId };
}

/** Every table's rows as PostgreSQL prints them (in UTC), in key order. */
async function dump(s: Scratch): Promise<Record<string, string[]>> {
  return inTransaction(s.store, 'write', async (q) => {
    await q.exec(`SET LOCAL TimeZone = 'UTC'`);
    const out: Record<string, string[]> = {};
    for (const t of await listTables(q)) {
      const order = t.primaryKey.length ? t.primaryKey.map((k) => `"${k}"`).join(', ') : 'to_jsonb(t)::text';
      const rows = await q.query<{ j: string }>(
        `SELECT to_jsonb(t)::text AS j FROM public."${t.name}" t ORDER BY ${order}`,
      );
      out[t.name] = rows.map((r) => r.j);
    }
    return out;
  });
}

function listFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out[path.relative(root, full)] = fs.readFileSync(full).toString('base64');
  }
  return out;
}

async function backupToBuffer(s: Scratch): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBackup(s.store, out, { dataDir: s.dataDir });
  out.end();
  return gzipSync(Buffer.concat(chunks));
}

const restoreFrom = (s: Scratch, gz: Buffer, force = false) =>
  restoreBackup(s.store, Readable.from([gunzipSync(gz).toString('utf8')]), { dataDir: s.dataDir, force });

async function expectSameContent(from: Scratch, to: Scratch) {
  const [a, b] = [await dump(from), await dump(to)];
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const table of Object.keys(a)) {
    expect(b[table]!.length, `${table} row count`).toBe(a[table]!.length);
    expect(b[table], `${table} content`).toEqual(a[table]);
  }
  const files = listFiles(filesRoot(from.dataDir));
  delete files['exports/unfinished.part'];
  expect(listFiles(filesRoot(to.dataDir))).toEqual(files);
}

async function roundTrip(source: Scratch, target: Scratch) {
  const { workspaceId } = await seed(source);
  const gz = await backupToBuffer(source);
  const result = await restoreFrom(target, gz);
  expect(result.files).toBe(3);
  expect(result.upgraded).toEqual([]);
  await expectSameContent(source, target);

  // The sequences carry on after the restored rows instead of colliding with them.
  const maxSeq = await target.store.db
    .selectFrom('outbox_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirstOrThrow();
  await emitEvent(target.store.db, { workspaceId, type: 'record.created', payload: {} });
  const newest = await target.store.db
    .selectFrom('outbox_events')
    .select('seq')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  expect(BigInt(newest.seq)).toBeGreaterThan(BigInt(maxSeq.m as string));

  // Every foreign key is back and enforced.
  await expect(
    sql`UPDATE users SET team_id = ${newId()} WHERE workspace_id = ${workspaceId}`.execute(target.store.db),
  ).rejects.toThrow(/foreign key/);
}

describe('backup and restore', () => {
  it(
    'round-trips the embedded store into an empty embedded data directory',
    async () => {
      await roundTrip(await track(scratch.embeddedFromTemplate()), await track(scratch.emptyEmbedded()));
    },
    SLOW,
  );

  it(
    'refuses a damaged, truncated or foreign file and leaves the target empty',
    async () => {
      const source = await track(scratch.embeddedFromTemplate());
      await seed(source);
      const text = gunzipSync(await backupToBuffer(source)).toString('utf8');
      const target = await track(scratch.emptyEmbedded());
      const attempt = (body: string) =>
        restoreBackup(target.store, Readable.from([body]), { dataDir: target.dataDir });

      await expect(attempt('')).rejects.toThrow(/not a Rapport backup/);
      await expect(attempt('hello,world\n1,2\n')).rejects.toThrow(/not recognised|not a Rapport backup/);
      await expect(attempt(text.slice(0, Math.floor(text.length * 0.6)))).rejects.toThrow(
        /damaged|incomplete/,
      );
      await expect(attempt(text.replace(/\nM \{"type":"end".*\n$/, '\n'))).rejects.toThrow(/incomplete/);
      const lines = text.split('\n');
      const row = lines.findIndex((l) => l.startsWith('R '));
      await expect(attempt([...lines.slice(0, row), ...lines.slice(row + 1)].join('\n'))).rejects.toThrow(
        /should have \d+ rows/,
      );
      const file = lines.findIndex((l) => l.startsWith('F '));
      const tampered = [...lines];
      tampered[file] = `F ${Buffer.from('not the same bytes').toString('base64')}`;
      await expect(attempt(tampered.join('\n'))).rejects.toThrow(/checksum/);
      const escaping = text.replace(
        /"type":"file","path":"[^"]+"/,
        '"type":"file","path":"../../escaped.txt"',
      );
      await expect(attempt(escaping)).rejects.toThrow(/outside the files folder/);
      const newer = text.replace('"migrations":[', '"migrations":["9999_from_the_future",');
      await expect(attempt(newer)).rejects.toThrow(/newer version of Rapport/);

      const workspaces = await target.store.db.selectFrom('workspaces').select('id').execute();
      expect(workspaces).toEqual([]);
      expect(listFiles(filesRoot(target.dataDir))).toEqual({});
      expect(fs.existsSync(path.join(target.dataDir, '..', 'escaped.txt'))).toBe(false);
    },
    SLOW,
  );

  it(
    'refuses to restore over data unless forced, and --force replaces it',
    async () => {
      const source = await track(scratch.embeddedFromTemplate());
      await seed(source);
      const gz = await backupToBuffer(source);
      const target = await track(scratch.embeddedFromTemplate());
      await createWorkspace(target.store.db, {
        name: 'Already here',
        admin: {
          email: `other-${newId()}@example.test`,
          name: 'Other',
          password: 'correct horse battery staple',
        },
      });
      await expect(restoreFrom(target, gz)).rejects.toThrow(/already holds data \(.*workspaces.*\).*--force/);
      expect(
        (await target.store.db.selectFrom('workspaces').select('name').execute()).map((w) => w.name),
      ).toEqual(['Already here']);
      await restoreFrom(target, gz, true);
      await expectSameContent(source, target);
    },
    SLOW,
  );

  it(
    'restores an older backup and then runs the newer migrations over it',
    async () => {
      const source = await track(scratch.embeddedFromTemplate());
      await seed(source);
      // The backup as a build without migration 0050 would have made it (0050 only adds an index).
      await sql`DELETE FROM kysely_migration WHERE name = '0050_session_purge_index'`.execute(
        source.store.db,
      );
      await sql`DROP INDEX sessions_revoked_idx`.execute(source.store.db);
      const gz = await backupToBuffer(source);
      const target = await track(scratch.emptyEmbedded());
      const result = await restoreFrom(target, gz);
      expect(result.upgraded).toEqual(['0050_session_purge_index']);
      const idx = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'sessions_revoked_idx'`.execute(
        target.store.db,
      );
      expect(idx.rows[0]!.n).toBe(1);
      expect((await dump(target)).audit_log).toEqual((await dump(source)).audit_log);
    },
    SLOW,
  );
});

describe.runIf(serverUrl)('backup and restore across stores (needs TEST_DATABASE_URL)', () => {
  it(
    'round-trips the embedded store into an empty PostgreSQL database',
    async () => {
      await roundTrip(
        await track(scratch.embeddedFromTemplate()),
        await track(scratch.emptyPostgres(serverUrl!)),
      );
    },
    SLOW,
  );

  it(
    'round-trips PostgreSQL into an empty embedded data directory',
    async () => {
      await roundTrip(
        await track(scratch.postgresFromTemplate(serverUrl!)),
        await track(scratch.emptyEmbedded()),
      );
    },
    SLOW,
  );
});
