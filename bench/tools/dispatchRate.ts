// Profiling aid: runs the outbox dispatcher (with every handler the server registers) against a
// bench database for MS milliseconds (15,000 unless given) and prints the events per second. An
// import leaves one event per row, so this is how fast its workflows, scoring and webhooks catch up.
//   MS=10000 node --import tsx bench/tools/dispatchRate.ts
// It processes the events for real: run it on the bench's own database only.
import path from 'node:path';
import pino from 'pino';
import '../../apps/server/src/modules/workflows/matchEvent';
import '../../apps/server/src/modules/scoring/scoringEvents';
import '../../apps/server/src/modules/webhooks/fanOut';
import '../../apps/server/src/modules/sequences/stopRules';
import { loadConfig } from '../../apps/server/src/platform/config';
import { openStore } from '../../apps/server/src/platform/db/open';
import { dispatchOutbox } from '../../apps/server/src/platform/dispatch/dispatchOutbox';
import { processDeps } from '../../apps/server/src/platform/dispatch/deps';
import { eventHandlers } from '../../apps/server/src/platform/dispatch/handlers';
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport_bench';
const store = await openStore({ databaseUrl: url, dataDir: '' });
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATA_DIR: path.resolve('.tmp/bench/trace'),
  DATABASE_URL: url,
});
const log = pino({ level: 'error' });
console.log(
  'handlers',
  eventHandlers().map((h) => h.name),
);
const deps = processDeps(store, config, log);
let n = 0;
const t = performance.now();
while (performance.now() - t < Number(process.env.MS ?? 15000)) n += await dispatchOutbox(deps);
console.log(
  `${n} events in ${((performance.now() - t) / 1000).toFixed(1)} s = ${(n / ((performance.now() - t) / 1000)).toFixed(0)}/s`,
);
await store.close();
