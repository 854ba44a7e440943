// Bulk loading into either store. PostgreSQL: one COPY FROM STDIN stream per table, each on its own
// connection, written with back-pressure so memory stays flat however large the scale. PGlite: rows
// gathered into chunks and loaded with COPY from PGlite's '/dev/blob' device, one chunk at a time.
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Cell, copyLine } from './copyText';

export interface TableWriter {
  write(row: readonly Cell[]): Promise<void>;
  end(): Promise<void>;
  readonly rows: number;
}

export interface Loader {
  kind: 'embedded' | 'postgres';
  /** Opens a bulk writer for one table (columns in the order rows give them). */
  table(name: string, columns: readonly string[]): Promise<TableWriter>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

// Generated rows are consistent by construction (every reference points at a row of the same
// data set), so the load skips foreign-key triggers as pg_restore-style loaders do; the app's own
// writes keep them. Loading is done as the database superuser (local trust auth).
const LOAD_SETTINGS = `SET session_replication_role = replica; SET synchronous_commit = off`;

export async function postgresLoader(url: string): Promise<Loader> {
  const main = new pg.Client({ connectionString: url });
  await main.connect();
  await main.query(LOAD_SETTINGS);
  const open: pg.Client[] = [];
  return {
    kind: 'postgres',
    async table(name, columns) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(LOAD_SETTINGS);
      open.push(client);
      const stream = client.query(copyFrom(`COPY ${name} (${columns.join(', ')}) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      let failed: Error | null = null;
      stream.on('error', (e: Error) => {
        failed = e;
      });
      let rows = 0;
      let buf = '';
      const flush = async () => {
        if (!buf) return;
        const ok = stream.write(buf);
        buf = '';
        if (!ok) await new Promise<void>((r) => stream.once('drain', r));
      };
      return {
        get rows() {
          return rows;
        },
        async write(row) {
          if (failed) throw failed;
          buf += copyLine(row);
          rows++;
          if (buf.length > 256 * 1024) await flush();
        },
        async end() {
          await flush();
          stream.end();
          await done;
          await client.end();
          open.splice(open.indexOf(client), 1);
        },
      };
    },
    async query(text, params) {
      return (await main.query(text, params as unknown[])).rows;
    },
    async close() {
      for (const c of open) await c.end().catch(() => {});
      await main.end();
    },
  };
}

const PGLITE_CHUNK_ROWS = 20_000;

export function pgliteLoader(db: PGlite): Loader {
  let settingsApplied = false;
  const settings = async () => {
    if (settingsApplied) return;
    await db.exec(LOAD_SETTINGS);
    settingsApplied = true;
  };
  return {
    kind: 'embedded',
    async table(name, columns) {
      await settings();
      let chunk: string[] = [];
      let rows = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        const blob = new Blob(chunk);
        chunk = [];
        await db.query(`COPY ${name} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
      };
      return {
        get rows() {
          return rows;
        },
        async write(row) {
          chunk.push(copyLine(row));
          rows++;
          if (chunk.length >= PGLITE_CHUNK_ROWS) await flush();
        },
        end: flush,
      };
    },
    async query(text, params) {
      await settings();
      return (await db.query(text, params)).rows as never[];
    },
    async close() {
      await db.exec('SET session_replication_role = DEFAULT');
    },
  };
}
