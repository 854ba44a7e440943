// insertMany writes exactly what a VALUES list would: every kind of value the record engine passes
// (text with quotes and CJK, numbers, dates, arrays, JSON text for jsonb), defaults for absent keys,
// and a refusal by the database that leaves the table as it was.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../../test/harness';
import { insertMany } from './insertMany';
import type { Store } from './open';

let store: Store;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ store, drop } = await openTestStore());
  await sql`CREATE TABLE insert_many_probe (
    id int PRIMARY KEY, t text, n numeric, at timestamptz, day date, tags text[], doc jsonb,
    kind text NOT NULL DEFAULT 'plain')`.execute(store.db);
});
afterAll(async () => {
  await drop?.();
});

const rows = async () =>
  (
    await sql<Record<string, unknown>>`SELECT id, t, n::text AS n, at, day::text AS day, tags, doc, kind
      FROM insert_many_probe ORDER BY id`.execute(store.db)
  ).rows;

describe('insertMany', () => {
  it('writes text, numbers, dates, arrays and JSON text as they are, and defaults for absent keys', async () => {
    const at = new Date('2026-12-06T08:30:00.123Z');
    const hostile = `O'Brien "quoted" \\ back\\slash\n张伟 😀 {"not": "json"}`;
    await insertMany(
      store.db,
      'insert_many_probe',
      [
        {
          id: 1,
          t: hostile,
          n: '1234567890.123456789',
          at,
          day: '2026-02-28',
          tags: ['a', 'b,c', '"q"'],
          doc: JSON.stringify([{ network: 'wechat', handle: 'zw' }]),
          kind: 'given',
        },
        { id: 2, t: null, n: 7, at: null, day: null, tags: [], doc: JSON.stringify({ a: { b: null } }) },
        { id: 3, t: 'only', kind: undefined },
      ],
      ['doc'],
    );
    expect(await rows()).toEqual([
      {
        id: 1,
        t: hostile,
        n: '1234567890.123456789',
        at,
        day: '2026-02-28',
        tags: ['a', 'b,c', '"q"'],
        doc: [{ network: 'wechat', handle: 'zw' }],
        kind: 'given',
      },
      { id: 2, t: null, n: '7', at: null, day: null, tags: [], doc: { a: { b: null } }, kind: 'plain' },
      { id: 3, t: 'only', n: null, at: null, day: null, tags: null, doc: null, kind: 'plain' },
    ]);
  });

  it('is refused as a whole by the database, leaving the table untouched', async () => {
    const before = await rows();
    const refused = insertMany(
      store.db,
      'insert_many_probe',
      [
        { id: 10, t: 'fine' },
        { id: 1, t: 'a taken primary key' },
      ],
      [],
    );
    await expect(refused).rejects.toMatchObject({ code: '23505' });
    const nul = insertMany(store.db, 'insert_many_probe', [{ id: 11, t: 'a NUL \u0000 byte' }], []);
    await expect(nul).rejects.toMatchObject({ code: expect.stringMatching(/^22/) });
    expect(await rows()).toEqual(before);
  });

  it('writes more rows than one statement carries', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({ id: 1000 + i, t: `row ${i}` }));
    await insertMany(store.db, 'insert_many_probe', many, []);
    const n = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM insert_many_probe WHERE id >= 1000`.execute(store.db);
    expect(n.rows[0]!.n).toBe(12_000);
  });
});
