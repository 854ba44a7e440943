// A kept statement goes to PostgreSQL by name (parsed once per connection, listed in
// pg_prepared_statements) and answers exactly as the unnamed one; other statements stay unnamed.
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { isKept, keepPrepared, MAX_KEPT, PreparingClient } from './preparedStatements';

const serverUrl = inject('serverUrl');

describe.runIf(serverUrl)('kept statements on PostgreSQL (needs TEST_DATABASE_URL)', () => {
  const pool = new pg.Pool({ connectionString: serverUrl ?? '', max: 1, Client: PreparingClient });
  afterAll(() => pool.end());

  it('are prepared once per connection, answer with their parameters, and leave others alone', async () => {
    const kept = 'SELECT $1::int + 1 AS n, current_setting($2) AS setting';
    keepPrepared(kept);
    keepPrepared(kept); // idempotent: one name per text
    const client = await pool.connect();
    try {
      const a = await client.query(kept, [1, 'TimeZone']);
      const b = await client.query(kept, [41, 'TimeZone']);
      expect([a.rows[0].n, b.rows[0].n]).toEqual([2, 42]);
      await client.query('SELECT $1::int AS other', [7]);
      const statements = await client.query('SELECT name, statement FROM pg_prepared_statements');
      expect(statements.rows).toEqual([{ name: expect.stringMatching(/^rapport_\d+$/), statement: kept }]);
      // A bad parameter is the database's error, as for any statement, and the connection stays usable.
      await expect(client.query(kept, ['not a number', 'TimeZone'])).rejects.toThrow(/invalid input syntax/);
      expect((await client.query(kept, [2, 'TimeZone'])).rows[0].n).toBe(3);
    } finally {
      client.release();
    }
  });

  it('still serve pg.Pool#query with a callback and a query config', async () => {
    const viaPool = await pool.query({ text: 'SELECT 5 AS n' });
    expect(viaPool.rows[0].n).toBe(5);
    const viaCallback = await new Promise<number>((resolve, reject) =>
      pool.query('SELECT 6 AS n', [], (err, res) => (err ? reject(err) : resolve(res.rows[0].n))),
    );
    expect(viaCallback).toBe(6);
  });
});

describe('the kept statements', () => {
  it('stop growing at MAX_KEPT: later texts are sent unnamed', () => {
    for (let i = 0; i <= MAX_KEPT; i++) keepPrepared(`SELECT ${i} AS cap_test`);
    expect(isKept('SELECT 0 AS cap_test')).toBe(true);
    expect(isKept(`SELECT ${MAX_KEPT} AS cap_test`)).toBe(false);
  });
});
