// Profiling aid: runs requests through the real app in-process against a bench database and prints
// every SQL statement each one ran with its duration, so a slow shape shows where its time goes
// (count of queries, the slow one, or time outside SQL).
//   node --import tsx bench/tools/traceRequests.ts postgres-large '[["GET","/api/v1/objects/contacts?limit=50"]]'
// WHO=busyRep runs as the busy rep; W=400 widens the printed SQL. REPEAT=500 then runs each request
// that many more times untraced and prints the mean, for `node --cpu-prof` to sample.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../apps/server/src/app';
import { loadConfig } from '../../apps/server/src/platform/config';
import type { Store } from '../../apps/server/src/platform/db/open';
import type { Database } from '../../apps/server/src/platform/db/schema';
import { PreparingClient } from '../../apps/server/src/platform/db/preparedStatements';
import type { Dataset } from '../dataset/generate';

const root = path.resolve(import.meta.dirname, '../..');
const [which = 'postgres-medium', reqArg = '[]'] = process.argv.slice(2);
const d = JSON.parse(fs.readFileSync(path.join(root, `.tmp/bench/${which}.dataset.json`), 'utf8')) as Dataset;
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport_bench';
const width = Number(process.env.W ?? 160);

const pool = new pg.Pool({ connectionString: url, max: 4, Client: PreparingClient });
let log: { sql: string; ms: number; full: string; params: readonly unknown[] }[] = [];
// EXPLAIN=5 prints EXPLAIN (ANALYZE, BUFFERS) of every traced statement slower than 5 ms.
const explainOver = process.env.EXPLAIN ? Number(process.env.EXPLAIN) : null;
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    log.push({
      sql: e.query.sql.replace(/\s+/g, ' ').slice(0, width),
      ms: e.queryDurationMillis,
      full: e.query.sql,
      params: e.query.parameters,
    });
  },
});
const store = {
  kind: 'postgres',
  db,
  pool,
  dataDir: null,
  query: async (s: string, p?: unknown[]) => ({ rows: (await pool.query(s, p as unknown[])).rows }),
  exec: async (s: string) => {
    await pool.query(s);
  },
  close: async () => db.destroy(),
} as unknown as Store;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATA_DIR: path.join(root, '.tmp/bench/trace'),
  DATABASE_URL: url,
});
const app = await buildApp({ config, store, logger: false });
await app.ready();
const token = d.tokens[(process.env.WHO ?? 'admin') as 'admin' | 'busyRep'];
for (const [method, url, body] of JSON.parse(reqArg) as [string, string, unknown?][]) {
  // Two warm-up runs, then the traced one.
  for (let k = 0; k < 3; k++) {
    log = [];
    const t = performance.now();
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    const total = performance.now() - t;
    if (k < 2) continue;
    const sqlMs = log.reduce((a, b) => a + b.ms, 0);
    process.stdout.write(
      `${method} ${url} -> ${res.statusCode} in ${total.toFixed(1)} ms: ${res.body.length} bytes, ${log.length} queries taking ${sqlMs.toFixed(1)} ms\n`,
    );
    for (const q of log) {
      process.stdout.write(`  ${q.ms.toFixed(1).padStart(7)} ms  ${q.sql}\n`);
      if (explainOver !== null && q.ms > explainOver && /^\s*\(?\s*select/i.test(q.full)) {
        const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.full}`, q.params as unknown[]);
        for (const r of plan.rows) process.stdout.write(`           | ${r['QUERY PLAN']}\n`);
      }
    }
  }
}
const repeat = Number(process.env.REPEAT ?? 0);
for (const [method, url, body] of repeat ? (JSON.parse(reqArg) as [string, string, unknown?][]) : []) {
  const t = performance.now();
  // The n-th statement of each run, summed over the runs: where the mean goes, statement by statement.
  const perStatement: number[] = [];
  for (let k = 0; k < repeat; k++) {
    log = [];
    await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    log.forEach((q, i) => {
      perStatement[i] = (perStatement[i] ?? 0) + q.ms;
    });
  }
  const mean = (performance.now() - t) / repeat;
  const inSql = perStatement.reduce((a, b) => a + b, 0) / repeat;
  process.stdout.write(
    `${method} ${url}: mean ${mean.toFixed(2)} ms over ${repeat}; statements ${perStatement
      .map((ms) => (ms / repeat).toFixed(2))
      .join(' + ')} = ${inSql.toFixed(2)} ms; outside SQL ${(mean - inSql).toFixed(2)} ms\n`,
  );
}
await app.close();
await pool.end();
