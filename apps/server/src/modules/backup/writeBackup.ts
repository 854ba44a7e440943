// Writes a backup (format.ts) of one store: every table of the public schema from one consistent
// snapshot, read in keyset pages so memory stays flat at millions of rows, then the stored files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Store } from '../../platform/db/open';
import { filesRoot } from '../../platform/files/storage';
import { appliedMigrations, listTables, readSequences, type TableInfo } from './catalog';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  chunkLine,
  FILE_CHUNK_BYTES,
  metaLine,
  rowLine,
} from './format';
import { ident, inTransaction, type SqlSession } from './sqlSession';

const PAGE = 2000;

export interface BackupCounts {
  tables: number;
  rows: number;
  files: number;
}

export interface WriteOptions {
  /** The data directory whose files/ folder goes into the backup; null to leave files out. */
  dataDir: string | null;
}

/** Writes text and waits when the stream asks for a pause, so a slow disk never fills memory. */
function writer(out: Writable) {
  return async (text: string) => {
    if (!out.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const done = (err?: Error) => {
          out.off('drain', onDrain);
          out.off('error', done);
          out.off('close', onClose);
          if (err) reject(err);
          else resolve();
        };
        const onDrain = () => done();
        const onClose = () => done(new Error('The backup output closed early'));
        out.on('drain', onDrain);
        out.once('error', done);
        out.once('close', onClose);
      });
    }
  };
}

async function writeTable(s: SqlSession, t: TableInfo, write: (s: string) => Promise<void>): Promise<number> {
  const stored = t.columns.filter((c) => !c.generated);
  const generated = t.columns.filter((c) => c.generated).map((c) => `'${c.name.replace(/'/g, "''")}'`);
  // Generated columns are recomputed by the target; leaving them out keeps search vectors out of the file.
  const rowJson = generated.length
    ? `(to_jsonb(t) - ARRAY[${generated.join(', ')}]::text[])::text`
    : 'to_jsonb(t)::text';
  await write(metaLine({ type: 'table', name: t.name, columns: stored.map((c) => c.name) }));

  const keyCols = t.primaryKey.length ? t.primaryKey : null;
  const types = new Map(t.columns.map((c) => [c.name, c.type]));
  const order = keyCols ? keyCols.map(ident).join(', ') : 'ctid';
  const keySelect = keyCols
    ? keyCols.map((k, i) => `${ident(k)}::text AS k${i}`).join(', ')
    : 'ctid::text AS k0';
  const after = keyCols
    ? `(${keyCols.map(ident).join(', ')}) > (${keyCols.map((k, i) => `$${i + 1}::${types.get(k)}`).join(', ')})`
    : 'ctid > $1::tid';

  let last: string[] | null = null;
  let rows = 0;
  for (;;) {
    const where: string = last ? `WHERE ${after}` : '';
    const page: Record<string, string>[] = await s.query<Record<string, string>>(
      `SELECT ${rowJson} AS j, ${keySelect} FROM public.${ident(t.name)} AS t ${where} ORDER BY ${order} LIMIT ${PAGE}`,
      last ?? [],
    );
    for (const r of page) await write(rowLine(r.j!));
    rows += page.length;
    if (page.length < PAGE) break;
    const tail: Record<string, string> = page.at(-1)!;
    last = (keyCols ?? ['ctid']).map((_, i) => tail[`k${i}`]!);
  }
  await write(metaLine({ type: 'tableEnd', name: t.name, rows }));
  return rows;
}

/** Every regular file under dir, as paths relative to it, in a stable order; `.part` files are unfinished writes. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && !e.name.endsWith('.part')) out.push(p);
    }
  };
  await walk('');
  return out;
}

async function writeFile(root: string, rel: string, write: (s: string) => Promise<void>): Promise<boolean> {
  const full = path.join(root, rel);
  let size: number;
  try {
    ({ size } = await fsp.stat(full));
  } catch (err) {
    // Deleted since the listing (an export archive expiring on a running PostgreSQL installation).
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  await write(metaLine({ type: 'file', path: rel, size }));
  const hash = createHash('sha256');
  // highWaterMark = chunk size, so every F line but the last carries exactly FILE_CHUNK_BYTES.
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(full, { highWaterMark: FILE_CHUNK_BYTES })) {
    const b = chunk as Buffer;
    hash.update(b);
    pending = pending.length ? Buffer.concat([pending, b]) : b;
    while (pending.length >= FILE_CHUNK_BYTES) {
      await write(chunkLine(pending.subarray(0, FILE_CHUNK_BYTES)));
      pending = pending.subarray(FILE_CHUNK_BYTES);
    }
  }
  if (pending.length) await write(chunkLine(pending));
  await write(metaLine({ type: 'fileEnd', path: rel, sha256: hash.digest('hex') }));
  return true;
}

export async function writeBackup(store: Store, out: Writable, opts: WriteOptions): Promise<BackupCounts> {
  const write = writer(out);
  const counts = await inTransaction(store, 'snapshot', async (s) => {
    const tables = await listTables(s);
    await write(
      metaLine({
        type: 'header',
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: store.kind,
        migrations: await appliedMigrations(s),
        sequences: await readSequences(s),
      }),
    );
    let rows = 0;
    for (const t of tables) rows += await writeTable(s, t, write);
    return { tables: tables.length, rows };
  });
  let files = 0;
  if (opts.dataDir) {
    const root = filesRoot(opts.dataDir);
    for (const rel of await listFiles(root)) {
      if (await writeFile(root, rel, write)) files++;
    }
  }
  await write(metaLine({ type: 'end', tables: counts.tables, rows: counts.rows, files }));
  return { ...counts, files };
}
