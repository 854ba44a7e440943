// `npm run bench -- --scale small|medium|large --store embedded|postgres [--reuse] [--generate-only]`
// Generates the data set into a fresh bench database, starts the real server against it, runs the
// workload over HTTP, runs each read shape's raw-SQL floor through the driver, and writes
// bench/results/latest.json and bench/results/<store>-<scale>.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isScale, planFor } from './dataset/plan';
import { prepareDatabase, openLoader, type BenchStore } from './server/benchDatabase';
import { startServer } from './server/serverProcess';
import { cancelLeftoverImports, settleLeftoverEvents } from './server/leftoverJobs';
import { generateDataset, type Dataset } from './dataset/generate';
import { type ApiOutcome, runWorkload } from './workload/runWorkload';
import { measureFloor, type RawOutcome, runRawFloors } from './workload/rawFloors';
import { writeResults } from './report/writeResults';
import { printTable } from './report/printTable';
import { updateBenchmarksMd } from './report/benchmarksMd';

const root = path.resolve(import.meta.dirname, '..');
const log = (m: string) => process.stdout.write(`${m}\n`);

function arg(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1]) return argv[i + 1]!;
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

async function main() {
  const scale = arg('scale', 'small');
  const storeKind = arg('store', 'embedded');
  if (!isScale(scale)) throw new Error(`--scale must be small, medium or large (got ${scale})`);
  if (storeKind !== 'embedded' && storeKind !== 'postgres')
    throw new Error(`--store must be embedded or postgres (got ${storeKind})`);
  const reuse = process.argv.includes('--reuse');
  const port = Number(arg('port', '3917'));
  const plan = planFor(scale);
  const work = path.join(root, '.tmp/bench');
  fs.mkdirSync(work, { recursive: true });
  const store: BenchStore = {
    kind: storeKind,
    dataDir: path.join(work, `${storeKind}-${scale}`),
    databaseUrl:
      storeKind === 'postgres'
        ? (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport_bench')
        : undefined,
  };
  const statePath = path.join(work, `${storeKind}-${scale}.dataset.json`);
  const serverEnv = {
    databaseUrl: store.databaseUrl,
    dataDir: store.dataDir,
    port,
    adminEmail: 'bench-admin@bench.test',
    adminPassword: 'bench-admin-password',
    logFile: path.join(work, `${storeKind}-${scale}.server.log`),
  };
  log(
    `Rapport benchmark: scale ${scale} (${plan.contacts.toLocaleString('en')} contacts), store ${storeKind}`,
  );

  let dataset: Dataset;
  if (reuse && fs.existsSync(statePath)) {
    dataset = JSON.parse(fs.readFileSync(statePath, 'utf8')) as Dataset;
    log('Reusing the data set generated earlier');
    // An earlier run (or a bench of an older version) may have left its import's events behind.
    const loader = await openLoader(store);
    try {
      const settled = await settleLeftoverEvents(loader.loader);
      if (settled)
        log(`  marked ${settled.toLocaleString('en')} undispatched outbox events of earlier runs processed`);
    } finally {
      await loader.close();
    }
  } else {
    log('Preparing a fresh database');
    await prepareDatabase(store);
    // The first start creates the workspace and admin exactly as an installation does.
    const first = await startServer(serverEnv, log);
    await first.stop();
    log('Generating the data set');
    const loader = await openLoader(store);
    try {
      dataset = await generateDataset(loader.loader, plan, log);
    } finally {
      await loader.close();
    }
    fs.writeFileSync(statePath, JSON.stringify(dataset));
    log(`Data set ready in ${dataset.seconds.total.toFixed(1)} s`);
  }

  // Generate on a quiet machine now, measure later with --reuse.
  if (process.argv.includes('--generate-only')) return;

  const loadStart = os.loadavg();
  log('Running the workload over HTTP');
  const server = await startServer(serverEnv, log);
  // PostgreSQL: each floor runs right after its API series, under the same machine load.
  const side = storeKind === 'postgres' ? await openLoader(store) : null;
  let api: ApiOutcome;
  try {
    api = await runWorkload(
      server.baseUrl,
      dataset,
      plan,
      log,
      side ? (shape) => measureFloor(side.loader, dataset, shape) : undefined,
    );
  } finally {
    await server.stop();
    await side?.close();
  }
  log(storeKind === 'postgres' ? 'Checking search keys' : 'Running the raw-SQL floors through the driver');
  const loader = await openLoader(store);
  let raw: RawOutcome;
  try {
    raw = await runRawFloors(loader.loader, dataset, api.created, api.floors, log);
    const cancelled = await cancelLeftoverImports(loader.loader);
    if (cancelled) log(`  cancelled ${cancelled} import job the bench stopped following`);
    const settled = await settleLeftoverEvents(loader.loader);
    if (settled) log(`  marked ${settled.toLocaleString('en')} undispatched outbox events processed`);
  } finally {
    await loader.close();
  }
  const loadAverage = {
    start: loadStart.map((x) => Math.round(x * 10) / 10),
    end: os.loadavg().map((x) => Math.round(x * 10) / 10),
  };
  const report = writeResults({ root, store: storeKind, scale, plan, dataset, api, raw, loadAverage });
  printTable(report);
  updateBenchmarksMd(root);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
