// The SQL of the user list, written out so that a changed filter, order or index use shows up in
// review. The behaviour is tested over HTTP against real databases in users.test.ts.
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../platform/context';
import type { Database } from '../../platform/db/schema';
import { encodeCursor } from '../../platform/http/keysetCursor';
import { userPageQuery } from './listUsers';

const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const WS = '00000000-0000-7000-8000-000000000001';
const ctx = { db: compiler, workspaceId: WS } as unknown as Ctx;

describe('user list SQL', () => {
  it('pages by (name, id) after the cursor, searching name and email, within the workspace', async () => {
    const c = userPageQuery(ctx, {
      limit: 50,
      q: 'Wang_50%',
      active: true,
      after: encodeCursor(['Li Na', '00000000-0000-7000-8000-0000000000aa']),
    }).compile();
    expect(c.parameters).toEqual([
      WS,
      '%wang\\_50\\%%',
      true,
      'Li Na',
      '00000000-0000-7000-8000-0000000000aa',
      51,
    ]);
    await expect(`-- parameters: ${JSON.stringify(c.parameters)}\n${c.sql}\n`).toMatchFileSnapshot(
      '__snapshots__/list-users.snap.sql',
    );
  });
});
