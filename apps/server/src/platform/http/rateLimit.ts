// A fixed-window counter per key, in process memory. Enough for one API process; with several
// processes each keeps its own window, which still bounds guessing to N × limit.
import { TooManyRequests } from '../errors';

export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; throws 429 once the key is over its limit. */
  hit(key: string, message = 'Too many attempts; wait a moment and try again'): void {
    const now = Date.now();
    if (this.hits.size > 50_000) this.sweep(now);
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return;
    }
    entry.count++;
    if (entry.count > this.limit) throw new TooManyRequests(message, (entry.resetAt - now) / 1000);
  }

  /** Throws 429 if the key is already over its limit, without counting this attempt. */
  check(key: string, message = 'Too many attempts; wait a moment and try again'): void {
    const now = Date.now();
    const entry = this.hits.get(key);
    if (entry && entry.resetAt > now && entry.count >= this.limit) {
      throw new TooManyRequests(message, (entry.resetAt - now) / 1000);
    }
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}
