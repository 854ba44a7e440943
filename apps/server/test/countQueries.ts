// Counts every statement the app sends, whichever driver the store uses, so a test can show that
// work is set-based (the same number of queries for 5 rows as for 500).
import type { TestApp } from './harness';

export interface QueryCounter {
  n: number;
}

export function countQueries(app: TestApp): QueryCounter {
  const counter: QueryCounter = { n: 0 };
  const store = app.store;
  if (store.pglite) {
    const pg = store.pglite;
    for (const m of ['query', 'exec'] as const) {
      const orig = pg[m].bind(pg) as (...a: unknown[]) => Promise<unknown>;
      (pg as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
        counter.n++;
        return orig(...a);
      };
    }
  } else {
    const pool = store.pool!;
    const connect = pool.connect.bind(pool) as () => Promise<{ query: (...a: unknown[]) => unknown }>;
    (pool as unknown as { connect: unknown }).connect = async () => {
      const client = await connect();
      const q = client.query as (...a: unknown[]) => unknown;
      if (!(client as unknown as { __counted?: boolean }).__counted) {
        (client as unknown as { __counted: boolean }).__counted = true;
        client.query = (...a: unknown[]) => {
          counter.n++;
          return q.apply(client, a);
        };
      }
      return client;
    };
  }
  return counter;
}
