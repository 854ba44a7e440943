// Work that runs on a timer in production (the date scan, once a minute) registers a way to run it
// now, so tests that move the clock do not depend on when the last scan happened.
import type { ProcessDeps } from './deps';

const nowHooks: ((deps: ProcessDeps) => Promise<unknown>)[] = [];

export function registerRunNow(fn: (deps: ProcessDeps) => Promise<unknown>): void {
  nowHooks.push(fn);
}

export async function runTimedWorkNow(deps: ProcessDeps): Promise<void> {
  for (const fn of nowHooks) await fn(deps);
}
