// Restores a backup (format.ts) into a store. The schema is first rebuilt exactly as the backup's
// source had it (the same migrations), the rows are loaded in one transaction (all or nothing), and
// then this build's newer migrations run over the restored data — the same path as any upgrade.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { CliError } from '../../cli/cliError';
import { migrateToLatest, migrationNames } from '../../platform/db/migrate';
import type { Store } from '../../platform/db/open';
import { filesRoot } from '../../platform/files/storage';
import {
  appliedMigrations,
  listForeignKeys,
  listTables,
  readSequences,
  type TableInfo,
  tablesWithBusinessData,
} from './catalog';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  BackupFormatError,
  type MetaLine,
} from './format';
import { ident, inTransaction, type SqlSession } from './sqlSession';

/** Restoring would overwrite something: the user has to say --force. */
export class RestoreRefused extends CliError {}

export interface RestoreOptions {
  /** Replace a database (and files folder) that already holds data. */
  force?: boolean;
  /** Where the backup's files go (DATA_DIR); null leaves files alone (migrate-to keeps DATA_DIR). */
  dataDir: string | null;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
  /** Migrations of this build that were newer than the backup and ran over the restored data. */
  upgraded: string[];
}

const BATCH_ROWS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;

type Line = { kind: 'M'; meta: MetaLine } | { kind: 'R'; json: string } | { kind: 'F'; data: Buffer };

async function* parseLines(input: Readable): AsyncGenerator<Line> {
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line === '') continue;
    const kind = line.slice(0, 2);
    if (kind === 'R ') yield { kind: 'R', json: line.slice(2) };
    else if (kind === 'F ') yield { kind: 'F', data: Buffer.from(line.slice(2), 'base64') };
    else if (kind === 'M ') {
      try {
        yield { kind: 'M', meta: JSON.parse(line.slice(2)) as MetaLine };
      } catch {
        throw new BackupFormatError(`The backup is damaged: line ${n} is not valid JSON`);
      }
    } else
      throw new BackupFormatError(
        `The backup is damaged or not a Rapport backup: line ${n} is not recognised`,
      );
  }
}

function checkHeader(first: Line | undefined, known: Set<string>): BackupHeader {
  const h = first?.kind === 'M' ? first.meta : null;
  if (h?.type !== 'header' || h.format !== BACKUP_FORMAT) {
    throw new BackupFormatError('This file is not a Rapport backup');
  }
  if (h.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupFormatError(`This backup uses format ${h.formatVersion}; upgrade Rapport to restore it`);
  }
  const unknown = h.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new BackupFormatError(
      `This backup was made by a newer version of Rapport (migrations ${unknown.join(', ')}); upgrade Rapport first`,
    );
  }
  return h;
}

async function hasFiles(dir: string): Promise<boolean> {
  try {
    const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true });
    return entries.some((e) => e.isFile());
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** A path from the backup, kept inside `root` whatever it says. */
function safeJoin(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  if (!full.startsWith(root + path.sep) || rel.includes('\0')) {
    throw new BackupFormatError(`The backup names a file outside the files folder: ${JSON.stringify(rel)}`);
  }
  return full;
}

interface Loaded {
  tables: number;
  rows: number;
  files: number;
}

/** Streams rows and files in, with foreign keys and triggers off until every row is there. */
async function load(
  s: SqlSession,
  lines: AsyncGenerator<Line>,
  header: BackupHeader,
  staging: string | null,
): Promise<Loaded> {
  const tables = new Map((await listTables(s)).map((t) => [t.name, t]));
  const fks = await listForeignKeys(s);
  // Rows arrive table by table and some tables reference each other (users ↔ teams), so the keys are
  // dropped and re-added at the end, which checks every reference at once. User triggers stay off so
  // restored rows are not rewritten (updated_at, history) on the way in.
  for (const fk of fks)
    await s.exec(`ALTER TABLE public.${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const t of tables.values()) await s.exec(`ALTER TABLE public.${ident(t.name)} DISABLE TRIGGER USER`);
  if (tables.size) {
    // Rows the migrations seeded, or the data --force replaces.
    await s.exec(`TRUNCATE ${[...tables.keys()].map((n) => `public.${ident(n)}`).join(', ')}`);
  }

  let table: { info: TableInfo; columns: string[]; rows: number } | null = null;
  let batch: string[] = [];
  let batchBytes = 0;
  let file: {
    path: string;
    size: number;
    written: number;
    hash: ReturnType<typeof createHash>;
    fd: fsp.FileHandle | null;
  } | null = null;
  const done: Loaded = { tables: 0, rows: 0, files: 0 };
  let ended = false;

  const flush = async () => {
    if (!table || !batch.length) return;
    const cols = table.columns.map(ident).join(', ');
    const rel = `public.${ident(table.info.name)}`;
    try {
      await s.query(
        `INSERT INTO ${rel} (${cols}) OVERRIDING SYSTEM VALUE
         SELECT ${cols} FROM jsonb_populate_recordset(NULL::${rel}, $1::jsonb)`,
        [`[${batch.join(',')}]`],
      );
    } catch (err) {
      throw new BackupFormatError(
        `The backup is damaged: rows of table ${table.info.name} could not be loaded (${(err as Error).message})`,
      );
    }
    table.rows += batch.length;
    batch = [];
    batchBytes = 0;
  };

  for await (const line of lines) {
    if (ended) throw new BackupFormatError('The backup is damaged: there is data after its end');
    if (line.kind === 'R') {
      if (!table) throw new BackupFormatError('The backup is damaged: a row outside any table');
      batch.push(line.json);
      batchBytes += line.json.length;
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
      continue;
    }
    if (line.kind === 'F') {
      if (!file) throw new BackupFormatError('The backup is damaged: file data outside any file');
      file.hash.update(line.data);
      file.written += line.data.length;
      if (file.fd) await file.fd.write(line.data);
      continue;
    }
    const m = line.meta;
    switch (m.type) {
      case 'table': {
        const info = tables.get(m.name);
        if (!info) throw new BackupFormatError(`The backup has a table this schema lacks: ${m.name}`);
        const stored = new Set(info.columns.filter((c) => !c.generated).map((c) => c.name));
        const missing = m.columns.filter((c) => !stored.has(c));
        if (missing.length) {
          throw new BackupFormatError(
            `The backup has columns ${m.name}.${missing.join(', ')} this schema lacks`,
          );
        }
        table = { info, columns: m.columns, rows: 0 };
        break;
      }
      case 'tableEnd': {
        await flush();
        if (!table || table.info.name !== m.name || table.rows !== m.rows) {
          throw new BackupFormatError(`The backup is damaged: table ${m.name} should have ${m.rows} rows`);
        }
        done.tables++;
        done.rows += table.rows;
        table = null;
        break;
      }
      case 'file': {
        const target = staging ? safeJoin(staging, m.path) : null;
        if (target) await fsp.mkdir(path.dirname(target), { recursive: true });
        file = {
          path: m.path,
          size: m.size,
          written: 0,
          hash: createHash('sha256'),
          fd: target ? await fsp.open(target, 'wx') : null,
        };
        break;
      }
      case 'fileEnd': {
        if (!file || file.path !== m.path)
          throw new BackupFormatError('The backup is damaged: a file ends twice');
        await file.fd?.close();
        if (file.written !== file.size || file.hash.digest('hex') !== m.sha256) {
          throw new BackupFormatError(`The backup is damaged: file ${m.path} does not match its checksum`);
        }
        done.files++;
        file = null;
        break;
      }
      case 'end': {
        if (m.tables !== done.tables || m.rows !== done.rows || m.files !== done.files) {
          throw new BackupFormatError('The backup is damaged: its totals do not match its contents');
        }
        ended = true;
        break;
      }
      default:
        throw new BackupFormatError(`The backup is damaged: unexpected ${(m as { type: string }).type} line`);
    }
  }
  if (!ended)
    throw new BackupFormatError('The backup is incomplete (it stops before its end); was it copied whole?');

  const present = new Set((await readSequences(s)).map((q) => q.name));
  for (const q of header.sequences) {
    if (present.has(q.name)) {
      await s.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
        `public.${ident(q.name)}`,
        q.lastValue,
        q.isCalled,
      ]);
    }
  }
  for (const t of tables.values()) await s.exec(`ALTER TABLE public.${ident(t.name)} ENABLE TRIGGER USER`);
  for (const fk of fks) {
    await s.exec(`ALTER TABLE public.${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
  }
  return done;
}

/** Puts the staged files in place of DATA_DIR/files once the database has committed. */
async function swapFiles(dataDir: string, staging: string): Promise<void> {
  const live = filesRoot(dataDir);
  const old = path.join(dataDir, `.files-before-restore-${process.pid}`);
  const hadLive = fs.existsSync(live);
  if (hadLive) await fsp.rename(live, old);
  await fsp.rename(staging, live);
  if (hadLive) await fsp.rm(old, { recursive: true, force: true });
}

export async function restoreBackup(
  store: Store,
  input: Readable,
  opts: RestoreOptions,
): Promise<RestoreResult> {
  const lines = parseLines(input);
  const header = checkHeader((await lines.next()).value as Line | undefined, new Set(await migrationNames()));

  const target = await inTransaction(store, 'write', async (s) => ({
    applied: await appliedMigrations(s),
    withData: await tablesWithBusinessData(s, await listTables(s)),
  }));
  if (target.withData.length && !opts.force) {
    throw new RestoreRefused(
      `The database already holds data (${target.withData.slice(0, 5).join(', ')}). Restore into an empty ` +
        'database, or pass --force to replace everything in it.',
    );
  }
  if (opts.dataDir && !opts.force && (await hasFiles(filesRoot(opts.dataDir)))) {
    throw new RestoreRefused(
      `${filesRoot(opts.dataDir)} already holds files. Restore into an empty data directory, or pass --force to replace them.`,
    );
  }

  const backupSet = new Set(header.migrations);
  if (target.applied.some((m) => !backupSet.has(m))) {
    // The target's schema is ahead of the backup and migrations only go forward: start it afresh
    // (it is empty, or --force said to replace it) and rebuild the backup's schema.
    await store.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  }
  if (opts.force || target.applied.length) {
    // Queued jobs refer to the data being replaced; pg-boss reinstalls its schema at the next start.
    await store.exec('DROP SCHEMA IF EXISTS pgboss CASCADE');
  }
  await migrateToLatest(store, { only: backupSet });

  const staging = opts.dataDir ? path.join(opts.dataDir, `.restore-${process.pid}`) : null;
  if (staging) {
    await fsp.rm(staging, { recursive: true, force: true });
    await fsp.mkdir(staging, { recursive: true });
  }
  let loaded: Loaded;
  try {
    loaded = await inTransaction(store, 'write', (s) => load(s, lines, header, staging));
    if (staging && opts.dataDir) await swapFiles(opts.dataDir, staging);
  } finally {
    if (staging) await fsp.rm(staging, { recursive: true, force: true });
  }
  const upgraded = await migrateToLatest(store);
  return { ...loaded, upgraded };
}
