// For tests of the process engine: the deps of background work on a test app's store, and "let time
// pass": move the controllable clock, then run rounds of due work until nothing is left, so a delay
// of days takes milliseconds. Test apps made for this use LONG_SESSIONS so sign-ins outlive the jump.
import pino from 'pino';
import type { Config } from '../config';
import { clock } from '../clock';
import type { Store } from '../db/open';
import { type ProcessDeps, processDeps } from './deps';
import { drainWork } from './pump';
import { runTimedWorkNow } from './testHooks';

export const LONG_SESSIONS = { SESSION_IDLE_MINUTES: '10000000', SESSION_ABSOLUTE_HOURS: '1000000' };

export interface TestEngine {
  deps: ProcessDeps;
  drain(): Promise<number>;
  /** Moves the clock by ms (or an ISO-ish "30d"/"5h"/"10m"), then drains. */
  advance(by: number | string): Promise<number>;
}

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

export function testEngine(store: Store, config: Config): TestEngine {
  const deps = processDeps(store, config, pino({ level: 'silent' }) as never);
  const drain = async () => {
    await runTimedWorkNow(deps);
    const r = await drainWork(deps, 200);
    if (r.errors.length) throw new Error(`process work failed: ${JSON.stringify(r.errors)}`);
    return r.done;
  };
  return {
    deps,
    drain,
    async advance(by) {
      const ms = typeof by === 'number' ? by : Number.parseFloat(by) * (units[by.slice(-1)] ?? Number.NaN);
      if (!Number.isFinite(ms)) throw new Error(`Not a duration: ${by}`);
      clock.advance(ms);
      return drain();
    },
  };
}
