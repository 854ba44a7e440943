// Global search must be answered by the trigram indexes, not by reading whole tables: with a few
// thousand rows per searchable table and fresh statistics, no query shape may plan a sequential
// scan of one of them. (At 1M rows a sequential scan is what makes a CRM's search box slow.)
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../test/harness';
import { loadActor } from '../../platform/auth/loadActor';
import type { Ctx } from '../../platform/context';
import { newId } from '../../platform/ids';
import { matchPlan } from '../../platform/search/matchPlan';
import { hasTrigram } from '../../platform/search/likeTrigrams';
import { normalizeQuery, searchTextFor } from '../../platform/search/searchText';
import { defaultPipelineId, firstOpenStage } from '../pipelines/pipelineQueries';
import { searchQuery } from './globalSearch';

const ROWS = 6000;
const TABLES = ['companies', 'contacts', 'leads', 'deals', 'records'];

const surnames = [
  '张',
  '王',
  '李',
  '赵',
  '刘',
  '陈',
  '杨',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const given = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '平',
  '刚',
];
const first = [
  'James',
  'Mary',
  'Robert',
  'Linda',
  'Michael',
  'Sarah',
  'David',
  'Emma',
  'Daniel',
  'Olivia',
  'Lucas',
  'Sofia',
];
const last = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Müller',
  'Rossi',
  'Dubois',
  'Silva',
  'Kim',
  'Nguyen',
];
const words = [
  '科技',
  '贸易',
  '物流',
  'Global',
  'Systems',
  'Foods',
  'Partners',
  '咨询',
  'Labs',
  '制造',
  'Energy',
  '医疗',
];

// Filler rows that look like a real CRM's: half Chinese, half Western names, emails, phones.
function person(i: number) {
  const chinese = i % 2 === 0;
  const name = chinese
    ? `${surnames[i % 20]}${given[Math.floor(i / 20) % 20]}`
    : `${first[i % 12]} ${last[Math.floor(i / 12) % 12]}`;
  const email = `user${i}@${chinese ? 'example.cn' : 'example.com'}`;
  const phone = `+86 13${String(100000000 + i * 7919).slice(0, 9)}`;
  return { name, email, phone };
}
function company(i: number) {
  return `${words[i % 12]}${i % 3 === 0 ? '有限公司' : ' Group'} ${i}`;
}

let t: TestApp;
let rep: TestUser;

async function fill(db: Kysely<unknown>, workspaceId: string, owners: string[]) {
  const pipelineId = await defaultPipelineId(db as never, workspaceId);
  const stage = await firstOpenStage(db as never, workspaceId, pipelineId);
  await sql`INSERT INTO object_definitions (workspace_id, name, labels, plural_labels)
    VALUES (${workspaceId}, 'projects', '{"en":"Project","zh-CN":"项目"}', '{"en":"Projects","zh-CN":"项目"}')`.execute(
    db,
  );
  for (let start = 0; start < ROWS; start += 1000) {
    const n = Math.min(1000, ROWS - start);
    const rows = Array.from({ length: n }, (_, k) => start + k);
    const owner = rows.map((i) => owners[i % owners.length]!);
    const people = rows.map(person);
    const ids = () => rows.map(() => newId());
    const ws = rows.map(() => workspaceId);
    await sql`INSERT INTO contacts (workspace_id, id, owner_id, name, email, phone, search_text)
      SELECT * FROM unnest(${ws}::uuid[], ${ids()}::uuid[], ${owner}::uuid[], ${people.map((p) => p.name)}::text[],
        ${people.map((p) => p.email)}::text[], ${people.map((p) => p.phone)}::text[],
        ${people.map((p) => searchTextFor({ names: [p.name], emails: [p.email], phones: [p.phone] }))}::text[])`.execute(
      db,
    );
    await sql`INSERT INTO leads (workspace_id, id, owner_id, name, email, search_text)
      SELECT * FROM unnest(${ws}::uuid[], ${ids()}::uuid[], ${owner}::uuid[], ${people.map((p) => p.name)}::text[],
        ${people.map((p) => p.email)}::text[],
        ${people.map((p) => searchTextFor({ names: [p.name], emails: [p.email] }))}::text[])`.execute(db);
    const companies = rows.map(company);
    await sql`INSERT INTO companies (workspace_id, id, owner_id, name, search_text)
      SELECT * FROM unnest(${ws}::uuid[], ${ids()}::uuid[], ${owner}::uuid[], ${companies}::text[],
        ${companies.map((c) => searchTextFor({ names: [c] }))}::text[])`.execute(db);
    const deals = rows.map((i) => `${company(i)} 续约 renewal`);
    await sql`INSERT INTO deals (workspace_id, id, owner_id, name, pipeline_id, stage_id, search_text)
      SELECT w, i, o, n, ${pipelineId}::uuid, ${stage!.id}::uuid, s FROM unnest(${ws}::uuid[], ${ids()}::uuid[],
        ${owner}::uuid[], ${deals}::text[], ${deals.map((d) => searchTextFor({ names: [d] }))}::text[]) AS x(w, i, o, n, s)`.execute(
      db,
    );
    await sql`INSERT INTO records (workspace_id, id, owner_id, object, name, search_text)
      SELECT w, i, o, 'projects', n, s FROM unnest(${ws}::uuid[], ${ids()}::uuid[], ${owner}::uuid[],
        ${companies}::text[], ${companies.map((c) => searchTextFor({ names: [c] }))}::text[]) AS x(w, i, o, n, s)`.execute(
      db,
    );
  }
  // VACUUM as autovacuum would: it also merges the GIN pending list (rows inserted since the last
  // merge), which the planner prices as a scan of its own and which would hide the index's real cost.
  for (const table of TABLES) await sql`VACUUM ANALYZE ${sql.table(table)}`.execute(db);
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * The plan of the global search query for a user. With `indexOnly`, sequential scans are priced out
 * (`enable_seqscan = off`): a table still read sequentially then has no index that can answer the
 * condition at all, at any size.
 */
async function planOf(userId: string, q: string, indexOnly = false): Promise<PlanNode[]> {
  const explain = indexOnly ? 'EXPLAIN (ANALYZE, FORMAT JSON)' : 'EXPLAIN (FORMAT JSON)';
  const loaded = await loadActor(t.store.db, t.workspaceId, userId, 'user');
  const ctx: Ctx = { db: t.store.db, actor: loaded!.actor, workspaceId: t.workspaceId };
  const custom = [{ name: 'projects', labels: { en: 'Project', 'zh-CN': '项目' } }];
  const query = searchQuery(t.store.db as never, ctx, matchPlan(normalizeQuery(q)), 20, custom)!;
  const c = query.compile();
  const doc = await t.store.db.transaction().execute(async (tx) => {
    if (indexOnly) await sql`SET LOCAL enable_seqscan = off`.execute(tx);
    const res = await tx.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`${explain} ${c.sql}`, [...c.parameters]),
    );
    return res.rows[0]!['QUERY PLAN'];
  });
  const parsed = (typeof doc === 'string' ? JSON.parse(doc) : doc) as [{ Plan: PlanNode }];
  return nodes(parsed[0].Plan);
}

const seqScans = (plan: PlanNode[]) =>
  plan
    .filter((n) => n['Node Type'] === 'Seq Scan' && TABLES.includes(n['Relation Name'] ?? ''))
    .map((n) => n['Relation Name']);

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
  const others = [
    t.admin.id,
    (await t.createUser({ role: 'rep' })).id,
    (await t.createUser({ role: 'rep' })).id,
  ];
  await fill(t.store.db as Kysely<unknown>, t.workspaceId, [rep.id, ...others]);
}, 300_000);

afterAll(async () => {
  await t?.close();
});

// The query shapes the match planner produces: substring + typo, a word start, two Chinese
// characters through their pinyin, one character, digits, an email, several words.
const selective = ['zhangwie', 'zw', '字节', '张伟', '13800138000', 'user42@example.cn'];
const every = [
  ...selective,
  '张',
  'a',
  'james smith',
  'li na',
  'wang fang',
  'zhang wei',
  '.net',
  'a.b',
  '100%',
];

describe('global search plans', () => {
  for (const q of selective) {
    it(`reads no searchable table sequentially for ${JSON.stringify(q)} (admin and rep)`, async () => {
      for (const userId of [t.admin.id, rep.id]) {
        expect(seqScans(await planOf(userId, q)), `${q} as ${userId === rep.id ? 'rep' : 'admin'}`).toEqual(
          [],
        );
      }
    });
  }

  it('can answer every query shape from an index, for every role (none needs a full read)', async () => {
    for (const q of every) {
      for (const userId of [t.admin.id, rep.id]) {
        const plan = await planOf(userId, q, true);
        expect(seqScans(plan), q).toEqual([]);
        // A pattern without a whole trigram makes GIN return every row (a full index scan): the
        // index is used but narrows nothing. A real probe returns a fraction of the table.
        const probes = plan.filter((n) => n['Node Type'] === 'Bitmap Index Scan');
        expect(probes.length, q).toBeGreaterThan(0);
        for (const n of probes) {
          if (process.env.DEBUG_PLAN) console.log(q, n['Index Name'], n['Actual Rows']);
          expect(n['Actual Rows'], `${q}: ${n['Index Name']}`).toBeLessThan(ROWS / 4);
        }
      }
    }
  });

  it("answers an admin's search from each table's trigram index", async () => {
    const plan = await planOf(t.admin.id, 'zhangwie');
    const used = plan.filter((n) => n['Node Type'] === 'Bitmap Index Scan').map((n) => n['Index Name']);
    for (const table of TABLES) expect(used, table).toContain(`${table}_search_idx`);
  });

  it("agrees with pg_trgm on which LIKE patterns the index can narrow (the match planner's rule)", async () => {
    const patterns = [
      '%qxz%',
      '%qx%',
      'qx%',
      '% qx%',
      'q%',
      '%.qxz%',
      '%q.%',
      '%qx.%',
      '%q.x%',
      '%\\%%',
      '%---%',
      '%\\%qx%',
      '%_qx%',
      '%张伟%',
      '张伟%',
      '%字节跳%',
    ];
    for (const p of patterns) {
      const rows = await t.store.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        const res = await tx.executeQuery<{ 'QUERY PLAN': unknown }>(
          CompiledQuery.raw(
            'EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1 FROM companies WHERE search_text LIKE $1',
            [p],
          ),
        );
        const doc = res.rows[0]!['QUERY PLAN'];
        const parsed = (typeof doc === 'string' ? JSON.parse(doc) : doc) as [{ Plan: PlanNode }];
        return nodes(parsed[0].Plan).find((n) => n['Node Type'] === 'Bitmap Index Scan')!['Actual Rows'];
      });
      // Without a trigram GIN hands back every row for the recheck.
      expect(rows === ROWS ? false : true, p).toBe(hasTrigram(p));
    }
  });

  it('has the rows it claims to plan over', async () => {
    for (const table of TABLES) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        t.store.db,
      );
      expect(r.rows[0]!.n, table).toBeGreaterThanOrEqual(ROWS);
    }
  });
});
