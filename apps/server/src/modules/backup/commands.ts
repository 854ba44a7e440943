// `rapport backup FILE`, `rapport restore FILE [--force]`, `rapport migrate-to postgres://… [--force]`.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { CliError } from '../../cli/cliError';
import type { ExtraCommand } from '../../cli/commands';
import type { Config } from '../../platform/config';
import { openStore, type Store } from '../../platform/db/open';
import { BackupFormatError } from './format';
import { restoreBackup } from './restoreBackup';
import { writeBackup } from './writeBackup';

const out = (s: string) => process.stdout.write(`${s}\n`);
const n = (x: number) => x.toLocaleString('en-US');

function fileArg(args: string[], verb: string): string {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new CliError(`Usage: rapport ${verb} FILE${verb === 'restore' ? ' [--force]' : ''}`);
  return path.resolve(file);
}

function where(config: Config): string {
  return config.DATABASE_URL ? 'the PostgreSQL database' : `the embedded store in ${config.dataDir}`;
}

/** The embedded store must already exist for a backup: opening a missing one would create it empty. */
function requireEmbeddedData(dataDir: string) {
  if (!fs.existsSync(path.join(dataDir, 'pg'))) {
    throw new CliError(
      `There is no Rapport data in ${dataDir} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`,
    );
  }
}

async function withStore<T>(
  opts: { databaseUrl?: string; dataDir: string },
  fn: (s: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export const backupCommand: ExtraCommand = async (config, args, flag) => {
  const file = fileArg(args, 'backup');
  const force = args.includes('--force') || flag(args, 'force') !== undefined;
  if (fs.existsSync(file) && !force)
    throw new CliError(`${file} already exists; choose another name or pass --force`);
  if (!config.DATABASE_URL) requireEmbeddedData(config.dataDir);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  // Written beside the target and renamed at the end: a failed backup never looks like a good one.
  const partial = `${file}.partial`;
  const counts = await withStore(
    { databaseUrl: config.DATABASE_URL, dataDir: config.dataDir },
    async (store) => {
      const gzip = createGzip({ level: 6 });
      const done = pipeline(gzip, fs.createWriteStream(partial));
      try {
        const c = await writeBackup(store, gzip, { dataDir: config.dataDir });
        gzip.end();
        await done;
        return c;
      } catch (err) {
        gzip.destroy();
        await done.catch(() => {});
        await fsp.rm(partial, { force: true });
        throw err;
      }
    },
  );
  await fsp.rename(partial, file);
  const { size } = await fsp.stat(file);
  out(
    `Backed up ${n(counts.rows)} rows of ${n(counts.tables)} tables and ${n(counts.files)} files from ` +
      `${where(config)} to ${file} (${n(Math.ceil(size / 1024))} KB).`,
  );
};

/** Opens a backup file, refusing anything that is not gzip before touching the database. */
async function openBackupFile(file: string): Promise<Readable> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`${file} does not exist`);
    throw err;
  }
  const magic = Buffer.alloc(2);
  await fh.read(magic, 0, 2, 0);
  await fh.close();
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupFormatError(`${file} is not a Rapport backup`);
  const gunzip = createGunzip();
  const source = fs.createReadStream(file);
  const text = new PassThrough();
  // readline does not report a failing input, so a damaged gzip ends the text stream with an error.
  source.on('error', (e) => text.destroy(e));
  gunzip.on('error', () =>
    text.destroy(new BackupFormatError(`${file} is damaged or incomplete (gzip error)`)),
  );
  source.pipe(gunzip).pipe(text);
  return text;
}

export const restoreCommand: ExtraCommand = async (config, args, flag) => {
  const file = fileArg(args, 'restore');
  const force = args.includes('--force') || flag(args, 'force') !== undefined;
  const input = await openBackupFile(file);
  const result = await withStore({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }, (store) =>
    restoreBackup(store, input, { force, dataDir: config.dataDir }),
  );
  out(
    `Restored ${n(result.rows)} rows of ${n(result.tables)} tables and ${n(result.files)} files into ${where(config)}.` +
      (result.upgraded.length ? ` Upgraded with migrations ${result.upgraded.join(', ')}.` : ''),
  );
};

export const migrateToCommand: ExtraCommand = async (config, args) => {
  const url = args.find((a) => !a.startsWith('--'));
  const force = args.includes('--force');
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new CliError('Usage: rapport migrate-to postgres://user:password@host:5432/database [--force]');
  }
  if (config.DATABASE_URL) {
    throw new CliError('migrate-to copies the embedded store in DATA_DIR: unset DATABASE_URL first');
  }
  requireEmbeddedData(config.dataDir);
  const result = await withStore({ dataDir: config.dataDir }, (source) =>
    withStore({ databaseUrl: url, dataDir: config.dataDir }, async (target) => {
      // The backup streams straight into the restore: no file, and memory stays flat.
      const pipe = new PassThrough();
      const writing = writeBackup(source, pipe, { dataDir: null }).then(
        () => void pipe.end(),
        (err) => {
          pipe.destroy(err as Error);
          throw err;
        },
      );
      const restoring = restoreBackup(target, pipe, { force, dataDir: null }).catch((err) => {
        pipe.destroy();
        throw err;
      });
      const [w, r] = await Promise.allSettled([writing, restoring]);
      if (r.status === 'rejected') throw r.reason;
      if (w.status === 'rejected') throw w.reason;
      return r.value;
    }),
  );
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  out(
    `Copied ${n(result.rows)} rows of ${n(result.tables)} tables from ${config.dataDir} to ${safeUrl}.\n` +
      `Files stay in ${path.join(config.dataDir, 'files')}. Start Rapport with DATABASE_URL=${safeUrl} ` +
      '(and the same DATA_DIR) to use the PostgreSQL database from now on.',
  );
};
