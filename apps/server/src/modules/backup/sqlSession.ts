// One transaction on one connection, on either store: a backup reads one consistent snapshot and a
// restore commits all or nothing. Values are passed as text and cast in SQL, so nothing is lost
// between the drivers (NUMERIC, uuids, timestamps with microseconds).
import type { Store } from '../../platform/db/open';

export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Statements without parameters, several at once allowed. */
  exec(text: string): Promise<void>;
}

export async function inTransaction<T>(
  store: Store,
  mode: 'snapshot' | 'write',
  fn: (s: SqlSession) => Promise<T>,
): Promise<T> {
  if (store.kind === 'embedded') {
    // The embedded store has one owner and PGlite's transaction is exclusive: already a snapshot.
    return store.pglite!.transaction(async (tx) =>
      fn({
        query: async (text, params) => (await tx.query(text, params)).rows as never[],
        exec: async (text) => {
          await tx.exec(text);
        },
      }),
    );
  }
  const client = await store.pool!.connect();
  try {
    await client.query(mode === 'snapshot' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    const result = await fn({
      query: async (text, params) => (await client.query(text, params as unknown[])).rows,
      exec: async (text) => {
        await client.query(text);
      },
    });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** A quoted SQL identifier: table and column names come from the catalog, never from users. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
