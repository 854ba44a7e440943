// Retry schedules of the process engine: each kind of work retries a bounded number of times with
// growing waits, then stops and says so (failed), so nothing retries forever and nothing fails silently.

export interface RetryPolicy {
  /** Waits in milliseconds after the 1st, 2nd, … failed attempt; its length + 1 is the attempt limit. */
  waitsMs: number[];
}

const s = 1000;
const m = 60 * s;
const h = 60 * m;

export const emailRetry: RetryPolicy = { waitsMs: [1 * m, 5 * m, 30 * m, 2 * h, 8 * h] };
export const webhookRetry: RetryPolicy = { waitsMs: [30 * s, 2 * m, 10 * m, 1 * h, 4 * h, 12 * h] };
export const actionRetry: RetryPolicy = { waitsMs: [30 * s, 5 * m, 30 * m] };

export const maxAttempts = (p: RetryPolicy) => p.waitsMs.length + 1;

/** When to try again after `attempts` failed attempts, or null when the limit is reached. */
export function nextAttemptAt(p: RetryPolicy, attempts: number, now: Date): Date | null {
  if (attempts >= maxAttempts(p)) return null;
  const wait = p.waitsMs[Math.max(0, attempts - 1)] ?? p.waitsMs[p.waitsMs.length - 1]!;
  return new Date(now.getTime() + wait);
}
