// The pump as a pg-boss job. Each run does rounds of due work for up to RUN_MS (pausing a second when
// idle), then queues the next run; the 'short' policy keeps at most one run waiting, so the chain never
// multiplies, and the cron tick restarts it if a process died holding it. When a round finds work, the
// run queues a helper at once so another worker process can join in (each claims its own rows). Runs
// stay shorter than the queue's graceful-stop wait, so shutting down never cuts one off.
import { sendJob } from '../jobs/background';
import { registerJob } from '../jobs/registry';
import { processDeps } from './deps';
import { runRound } from './pump';

export const PUMP_JOB = 'process.pump';
const RUN_MS = 5_000;
const IDLE_PAUSE_MS = 1_000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

registerJob({
  name: PUMP_JOB,
  schedule: { cron: '* * * * *' },
  options: { expireInSeconds: 120, retryLimit: 0, policy: 'short', pollingIntervalSeconds: 1 },
  async handler(_data, ctx) {
    const deps = processDeps(ctx.store, ctx.config, ctx.log);
    const until = Date.now() + RUN_MS;
    let done = 0;
    let rounds = 0;
    while (Date.now() < until) {
      const r = await runRound(deps);
      rounds++;
      done += r.done;
      if (r.done > 0) await sendJob(PUMP_JOB).catch(() => null);
      else await pause(IDLE_PAUSE_MS);
    }
    await sendJob(PUMP_JOB).catch((err) => ctx.log.warn({ err }, 'could not queue the next pump run'));
    return { rounds, done };
  },
});
