// Every main list, search and timeline shape uses an index: with tens of thousands of rows and real
// statistics (ANALYZE, no enable_seqscan tricks), EXPLAIN must show no sequential scan of a big
// table. The same queries' SQL is written to queries.snap.sql so a changed join, filter or
// index-relevant expression shows up in review.
import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { loadActor } from '../../../platform/auth/loadActor';
import type { Ctx } from '../../../platform/context';
import { loadObject } from '../meta/loadObject';
import { compileList, type ListRequest } from '../query/compileList';
import { activityQuery } from '../timeline/activitySource';
import { historyQuery } from '../timeline/historySource';

const BIG = new Set([
  'companies',
  'contacts',
  'deals',
  'leads',
  'activities',
  'activity_links',
  'record_history',
  'records',
]);

let t: TestApp;
let rep: TestUser;
let admin: Ctx;
let repCtx: Ctx;
let companyId: string;
let stageId: string;
const snapshots: string[] = [];

async function ctxFor(userId: string): Promise<Ctx> {
  const loaded = await loadActor(t.store.db, t.workspaceId, userId, 'user');
  return { db: t.store.db, actor: loaded!.actor, workspaceId: t.workspaceId };
}

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
  const f = await t.admin.client.post('/api/v1/schema/objects/contacts/fields', {
    name: 'loyalty',
    type: 'number',
    label: { en: 'Loyalty', 'zh-CN': '忠诚度' },
    indexed: true,
  });
  expect(f.statusCode, f.body).toBe(201);
  const [pipe] = (await t.admin.client.get('/api/v1/pipelines')).json().data;
  stageId = pipe.stages[1].id;
  const ws = t.workspaceId;
  const a = t.admin.id;
  const r = rep.id;
  const db = t.store.db;
  await sql`INSERT INTO companies (workspace_id, id, name, search_text, owner_id, created_at, updated_at)
    SELECT ${ws}, gen_random_uuid(), 'Company ' || g, 'company ' || g, ${a}, now() - g * interval '1 minute', now() - g * interval '1 minute'
    FROM generate_series(1, 1000) g`.execute(db);
  await sql`WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM companies WHERE workspace_id = ${ws})
    INSERT INTO contacts (workspace_id, id, first_name, last_name, name, email, email_keys, search_text, company_id, owner_id,
      last_activity_at, custom, created_at, updated_at)
    SELECT ${ws}, gen_random_uuid(), 'First' || g, 'Last' || g, 'First' || g || ' Last' || g, 'p' || g || '@example.com',
      ARRAY['p' || g || '@example.com'], 'first' || g || ' last' || g || ' p' || g || '@example.com', c.id,
      CASE WHEN g % 10 = 0 THEN ${r}::uuid ELSE ${a}::uuid END,
      CASE WHEN g % 3 = 0 THEN NULL ELSE now() - (g % 90) * interval '1 day' END,
      jsonb_build_object('loyalty', g % 100), now() - g * interval '1 second', now() - g * interval '1 second'
    FROM generate_series(1, 50000) g JOIN c ON c.rn = (g % 1000) + 1`.execute(db);
  await sql`WITH c AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM companies WHERE workspace_id = ${ws}),
      s AS (SELECT id, pipeline_id, row_number() OVER (ORDER BY position) AS rn FROM pipeline_stages WHERE workspace_id = ${ws}
        AND pipeline_id = ${pipe.id})
    INSERT INTO deals (workspace_id, id, name, search_text, amount, currency, pipeline_id, stage_id, status, close_date,
      company_id, owner_id, created_at, updated_at)
    SELECT ${ws}, gen_random_uuid(), 'Deal ' || g, 'deal ' || g, g * 10, 'CNY', s.pipeline_id, s.id, 'open',
      CASE WHEN g % 4 = 0 THEN NULL ELSE current_date + (g % 60) END, c.id,
      CASE WHEN g % 10 = 0 THEN ${r}::uuid ELSE ${a}::uuid END, now() - g * interval '1 second', now() - g * interval '1 second'
    FROM generate_series(1, 3000) g JOIN c ON c.rn = (g % 1000) + 1 JOIN s ON s.rn = (g % 4) + 1`.execute(db);
  await sql`INSERT INTO activities (workspace_id, id, type, subject, search_text, due_at, done_at, occurred_at, owner_id, created_at, updated_at)
    SELECT ${ws}, gen_random_uuid(), CASE WHEN g % 5 = 0 THEN 'task' ELSE 'call' END, 'Activity ' || g, 'activity ' || g,
      CASE WHEN g % 5 = 0 THEN now() + (g % 10 - 5) * interval '1 day' END,
      CASE WHEN g % 5 = 0 THEN NULL ELSE now() - g * interval '1 hour' END,
      now() - g * interval '1 hour', CASE WHEN g % 10 = 0 THEN ${r}::uuid ELSE ${a}::uuid END, now(), now()
    FROM generate_series(1, 6000) g`.execute(db);
  await sql`WITH a AS (SELECT id, occurred_at, row_number() OVER (ORDER BY id) AS rn FROM activities WHERE workspace_id = ${ws}),
      p AS (SELECT id, company_id, row_number() OVER (ORDER BY id) AS rn FROM contacts WHERE workspace_id = ${ws})
    INSERT INTO activity_links (workspace_id, activity_id, object, record_id, direct, occurred_at)
    SELECT ${ws}::uuid, a.id, 'contacts', p.id, true, a.occurred_at FROM a JOIN p ON p.rn = (a.rn % 5000) + 1
    UNION ALL
    SELECT ${ws}::uuid, a.id, 'companies', p.company_id, false, a.occurred_at FROM a JOIN p ON p.rn = (a.rn % 5000) + 1`.execute(
    db,
  );
  await sql`WITH c AS (SELECT id, company_id, row_number() OVER (ORDER BY id) AS rn FROM contacts WHERE workspace_id = ${ws})
    INSERT INTO record_history (workspace_id, id, object, record_id, company_id, change_id, kind, field, old_value, new_value, actor_id, at)
    SELECT ${ws}, gen_random_uuid(), 'contacts', c.id, c.company_id, gen_random_uuid(), 'updated', 'title', '"a"', '"b"', ${a},
      now() - g * interval '1 minute'
    FROM generate_series(1, 10000) g JOIN c ON c.rn = (g % 5000) + 1`.execute(db);
  companyId = (
    await sql<{
      id: string;
    }>`SELECT id FROM companies WHERE workspace_id = ${ws} AND name = 'Company 7'`.execute(db)
  ).rows[0]!.id;
  await sql`ANALYZE`.execute(db);
  admin = await ctxFor(t.admin.id);
  repCtx = await ctxFor(rep.id);
});
afterAll(async () => {
  await t?.close();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function indexesOf(node: PlanNode & { 'Index Name'?: string }, out: string[] = []): string[] {
  if (node['Index Name']) out.push(node['Index Name']);
  for (const p of node.Plans ?? []) indexesOf(p, out);
  return out;
}

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && BIG.has(node['Relation Name']))
    out.push(node['Relation Name']);
  for (const p of node.Plans ?? []) seqScans(p, out);
  return out;
}

async function explain(name: string, q: RawBuilder<unknown>) {
  const compiled = q.compile(t.store.db);
  snapshots.push(`-- ${name}\n${compiled.sql.trim()};\n`);
  const res = await t.store.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [
    ...compiled.parameters,
  ]);
  const raw = res.rows[0]!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const scans = seqScans(plan[0]!.Plan);
  expect(scans, `${name} plan:\n${JSON.stringify(plan[0]!.Plan, null, 1).slice(0, 4000)}`).toEqual([]);
  return indexesOf(plan[0]!.Plan);
}

async function list(name: string, ctx: Ctx, object: string, req: ListRequest) {
  const meta = await loadObject(ctx, object);
  const compiled = await compileList(ctx, meta, req);
  const used: string[] = [];
  for (const [i, phase] of compiled.phases.entries())
    used.push(
      ...(await explain(compiled.phases.length > 1 ? `${name} (phase ${i + 1})` : name, phase.query)),
    );
  return used;
}

describe('the main query shapes use indexes', () => {
  it('lists contacts by the default sort, first page and a cursor page', async () => {
    await list('contacts: default list', admin, 'contacts', {});
    const page = await t.admin.client.get('/api/v1/objects/contacts?limit=50');
    await list('contacts: default list after a cursor', admin, 'contacts', { after: page.json().nextCursor });
  });

  it('lists contacts sorted by name, by company, by email and by q', async () => {
    await list('contacts: sorted by name', admin, 'contacts', {
      sort: [{ field: 'name', direction: 'asc' }],
    });
    await list('contacts: of one company', admin, 'contacts', {
      filters: [{ field: 'companyId', op: 'eq', value: companyId }],
    });
    await list('contacts: by email', admin, 'contacts', {
      filters: [{ field: 'email', op: 'eq', value: 'p42@example.com' }],
    });
    expect(await list('contacts: q search', admin, 'contacts', { q: 'first4242' })).toContain(
      'contacts_search_idx',
    );
    await list('contacts: related company name', admin, 'contacts', {
      filters: [{ field: 'company.name', op: 'eq', value: 'Company 7' }],
    });
    await list('contacts: indexed custom number', admin, 'contacts', {
      filters: [{ field: 'loyalty', op: 'gte', value: 98 }],
    });
    // Filtered and sorted by the custom field: its expression index gives both the range and the order.
    const custom = await list('contacts: indexed custom number, sorted by it', admin, 'contacts', {
      filters: [{ field: 'loyalty', op: 'gte', value: 98 }],
      sort: [{ field: 'loyalty', direction: 'desc' }],
    });
    expect(custom.some((i) => i.startsWith('cf_i_'))).toBe(true);
  });

  it('runs the built-in views’ shapes on indexes', async () => {
    await list('contacts: not contacted in 30 days', admin, 'contacts', {
      filters: [
        {
          or: [
            { field: 'lastActivityAt', op: 'lt', value: '@daysAgo:30' },
            { field: 'lastActivityAt', op: 'isEmpty' },
          ],
        },
      ],
      sort: [{ field: 'lastActivityAt', direction: 'asc' }],
    });
    await list('deals: my open deals (rep)', repCtx, 'deals', {
      filters: [
        { field: 'ownerId', op: 'eq', value: '@me' },
        { field: 'status', op: 'eq', value: 'open' },
      ],
      sort: [{ field: 'closeDate', direction: 'asc' }],
    });
    await list('activities: my tasks due today (rep)', repCtx, 'activities', {
      filters: [
        { field: 'type', op: 'eq', value: 'task' },
        { field: 'ownerId', op: 'eq', value: '@me' },
        { field: 'doneAt', op: 'isEmpty' },
        { field: 'dueAt', op: 'lte', value: '@endOfToday' },
      ],
      sort: [{ field: 'dueAt', direction: 'asc' }],
    });
  });

  it('lists deals in a rep’s own scope and by stage', async () => {
    await list('deals: rep default list (own scope)', repCtx, 'deals', {});
    await list('deals: one stage by close date', admin, 'deals', {
      filters: [{ field: 'stageId', op: 'eq', value: stageId }],
      sort: [{ field: 'closeDate', direction: 'asc' }],
    });
  });

  it('reads a company’s 360° timeline from one index range per source', async () => {
    const meta = await loadObject(admin, 'companies');
    const target = { object: 'companies', id: companyId, meta, includeRelated: true };
    await explain('timeline: company activities', activityQuery(admin, target, { before: null, limit: 51 }));
    await explain(
      'timeline: company history',
      historyQuery(admin, target, { before: null, limit: 51, kinds: ['change', 'stage'] }),
    );
    await explain(
      'timeline: company history (rep)',
      historyQuery(repCtx, target, { before: null, limit: 51, kinds: ['change', 'stage'] }),
    );
  });

  it('writes the SQL of these shapes to queries.snap.sql', async () => {
    const text = `-- The SQL of the main list, search and timeline shapes (written by tests/explain.test.ts).\n-- A change here is a change to what the database is asked: check the EXPLAIN test still passes.\n\n${snapshots.join('\n')}`;
    await expect(text).toMatchFileSnapshot('../queries.snap.sql');
  });
});
