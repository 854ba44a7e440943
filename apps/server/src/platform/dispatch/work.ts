// The process engine's due work (events to dispatch, steps and actions whose time has come, mail
// and webhook deliveries) registered by each domain and run in rounds by the pump. Every piece
// claims its rows itself (SKIP LOCKED or a lease), so any number of processes may run rounds at once.
import type { ProcessDeps } from './deps';

export interface WorkSource {
  name: string;
  /** Does one batch of due work and returns how many items it handled (0 when idle). */
  run(deps: ProcessDeps): Promise<number>;
}

const sources = new Map<string, WorkSource>();

export function registerWork(source: WorkSource): void {
  sources.set(source.name, source);
}

export function workSources(): WorkSource[] {
  return [...sources.values()];
}

export interface RoundReport {
  done: number;
  byName: Record<string, number>;
  errors: { name: string; message: string }[];
}

/** Runs every source once. A source that throws is logged and reported; the others still run. */
export async function runRound(deps: ProcessDeps): Promise<RoundReport> {
  const report: RoundReport = { done: 0, byName: {}, errors: [] };
  for (const s of workSources()) {
    try {
      const n = await s.run(deps);
      report.byName[s.name] = n;
      report.done += n;
    } catch (err) {
      deps.log.error({ err, work: s.name }, 'process work failed');
      report.errors.push({ name: s.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}

/**
 * Runs rounds until one finds nothing to do (or maxRounds): how tests "let time pass" after moving
 * the clock, and how the pump job empties a backlog.
 */
export async function drainWork(deps: ProcessDeps, maxRounds = 50): Promise<RoundReport> {
  const total: RoundReport = { done: 0, byName: {}, errors: [] };
  for (let i = 0; i < maxRounds; i++) {
    const r = await runRound(deps);
    total.done += r.done;
    for (const [k, v] of Object.entries(r.byName)) total.byName[k] = (total.byName[k] ?? 0) + v;
    total.errors.push(...r.errors);
    if (r.done === 0) break;
  }
  return total;
}
