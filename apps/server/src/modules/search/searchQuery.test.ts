// The SQL of global search, written out so that a changed index condition, scope or ranking shows
// up in review (STYLE: queries a reviewer can see).
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor';
import { builtInRoles } from '../../platform/access/permissions';
import type { Ctx } from '../../platform/context';
import { matchPlan } from '../../platform/search/matchPlan';
import { normalizeQuery } from '../../platform/search/searchText';
import { searchQuery } from './globalSearch';

// Compiles without a database: only the SQL text is under test here (the behaviour is tested over
// HTTP against real databases in search.test.ts).
const compiler = new Kysely<never>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const WS = '00000000-0000-7000-8000-000000000001';
function actorWithRole(role: string): Actor {
  const r = builtInRoles.find((x) => x.key === role)!;
  return {
    kind: 'user',
    workspaceId: WS,
    userId: '00000000-0000-7000-8000-0000000000aa',
    roleKey: role,
    permissions: r.permissions,
    teamIds: ['00000000-0000-7000-8000-0000000000bb'],
    unitIds: [],
    locale: 'en',
  };
}

function compiled(role: string, q: string) {
  const ctx = { db: compiler, actor: actorWithRole(role), workspaceId: WS } as unknown as Ctx;
  const custom = [{ name: 'projects', labels: { en: 'Project', 'zh-CN': '项目' } }];
  const query = searchQuery(compiler as never, ctx, matchPlan(normalizeQuery(q)), 20, custom)!;
  const c = query.compile();
  return `-- ${role}: ${JSON.stringify(q)}\n-- parameters: ${JSON.stringify(c.parameters)}\n${c.sql}\n`;
}

describe('global search SQL', () => {
  it('for a rep searching a name with a typo (scoped arms, trigram match, typo operator)', async () => {
    await expect(compiled('rep', 'zhangwie')).toMatchFileSnapshot('__snapshots__/search-rep-typo.snap.sql');
  });

  it('for an admin searching two Chinese characters (no scope, pinyin guard)', async () => {
    await expect(compiled('admin', '字节')).toMatchFileSnapshot(
      '__snapshots__/search-admin-han-pair.snap.sql',
    );
  });

  it('leaves out objects the role may not read at all (support never sees leads)', () => {
    const sqlText = compiled('support', 'acme');
    expect(sqlText).not.toContain('"leads"');
    expect(sqlText).toContain('"contacts"');
  });
});
