// The read shapes of the workload. Each has the HTTP call a client makes and the raw-SQL floor:
// the query a person would write by hand for the same answer, run through the driver on the same
// database in the same run. The API figure over the floor is what the application adds.
import { CANDIDATES } from '../../apps/server/src/modules/search/globalSearch';
import {
  isSearchable,
  type MatchPlan,
  matchPlan,
  wordStartsOnly,
} from '../../apps/server/src/platform/search/matchPlan';
import { isPinyinText } from '../../apps/server/src/platform/search/pinyinText';
import { normalizeQuery } from '../../apps/server/src/platform/search/searchText';
import type { Dataset } from '../dataset/generate';
import type { Loader } from '../dataset/loader';
import { type Api, type HttpResult, request } from './http';

export interface ShapeContext {
  admin: Api;
  busyRep: Api;
  dataset: Dataset;
}

export interface ReadShape {
  name: string;
  /** Which budget line of BENCHMARKS.md the shape is held to. */
  budget: 'list' | 'search' | 'record' | 'pipeline';
  /** One operation over HTTP for iteration i; every response must be 2xx. */
  api(c: ShapeContext, i: number): Promise<HttpResult[]>;
  /**
   * The same answer straight from SQL. A list's floor returns its page (the rows after the names
   * and tags), so a test can hold it to the API's answer.
   */
  raw(db: Loader, d: Dataset, i: number): Promise<unknown>;
}

const at = <T>(list: T[], i: number): T => list[i % list.length]!;
const json = (body: unknown) => JSON.stringify(body);
const post = (api: Api, url: string, body: unknown) => request(api, 'POST', url, json(body));
const get = (api: Api, url: string) => request(api, 'GET', url);

const CONTACT_COLS = `id, version, owner_id, team_id, unit_id, custom, created_at, updated_at, created_by, updated_by,
  first_name, last_name, name, email, phone, emails, phones, title, department, company_id, social_profiles,
  birthday, address, city, country, description, last_activity_at, last_activity_type, next_task_at, next_task_id,
  open_deal_value, open_deal_count`;
const DEAL_COLS = `id, version, owner_id, team_id, unit_id, custom, created_at, updated_at, created_by, updated_by,
  name, amount, currency, pipeline_id, stage_id, status, probability, close_date, closed_at, stage_entered_at,
  lost_reason, source, description, company_id, last_activity_at, last_activity_type, next_task_at, next_task_id`;

// The names a list shows beside each record (its `related`: owner, team, unit, company, next task,
// creator and last editor, a deal's pipeline, stage and contacts) and its tags are part of the same
// answer, so the floor fetches them too, as correlated subqueries over the page (`$1` is the
// workspace). Scope checks on the named records are left out: the floor stays the cheaper side.
const nameOf = (table: string, col: string, title = 'name', live = '') =>
  `(SELECT x.${title} FROM ${table} x WHERE x.workspace_id = $1 AND x.id = p.${col}${live}) AS ${col}_name`;
const COMMON_NAMES = [
  nameOf('users', 'owner_id'),
  nameOf('users', 'created_by'),
  nameOf('users', 'updated_by'),
  nameOf('teams', 'team_id'),
  nameOf('business_units', 'unit_id'),
  nameOf('companies', 'company_id', 'name', ' AND x.deleted_at IS NULL'),
  nameOf('activities', 'next_task_id', 'subject', ' AND x.deleted_at IS NULL'),
];
const tagsOf = (object: string) => `ARRAY(SELECT ROW(g.id, g.name) FROM taggings l
    JOIN tags g ON g.workspace_id = l.workspace_id AND g.id = l.tag_id
    WHERE l.workspace_id = $1 AND l.object = '${object}' AND l.record_id = p.id ORDER BY l.position, l.tag_id) AS tags`;
// The outer query repeats the page's order: PostgreSQL keeps a subquery's order in practice, but
// only an ORDER BY promises it, and page 2 reads its cursor from the last row.
const withNames = (page: string, object: 'contacts' | 'deals') => {
  const order = /ORDER BY (.+?) LIMIT \d+\s*$/s.exec(page)?.[1];
  if (!order) throw new Error(`a floor's page has no ORDER BY … LIMIT: ${page}`);
  const cols = [...COMMON_NAMES, tagsOf(object)];
  if (object === 'deals')
    cols.push(
      `(SELECT ROW(x.name, x.labels) FROM pipelines x WHERE x.workspace_id = $1 AND x.id = p.pipeline_id) AS pipeline`,
      `(SELECT ROW(x.name, x.labels) FROM pipeline_stages x WHERE x.workspace_id = $1 AND x.id = p.stage_id) AS stage`,
      `ARRAY(SELECT ROW(c.id, c.name) FROM deal_contacts l
         JOIN contacts c ON c.workspace_id = l.workspace_id AND c.id = l.contact_id AND c.deleted_at IS NULL
         WHERE l.workspace_id = $1 AND l.deal_id = p.id ORDER BY l.position, l.contact_id) AS contacts`,
    );
  const outer = order
    .split(',')
    .map((key) => `p.${key.trim()}`)
    .join(', ');
  return `SELECT p.*, ${cols.join(',\n  ')} FROM (${page}) p ORDER BY ${outer}`;
};

const CITIES = ['上海', '北京', '深圳', 'London', 'Singapore', '杭州'];

/** A page, then the next one from its last row: what "load more" costs, measured on page 2. */
async function secondPage(api: Api, url: string, body: Record<string, unknown>): Promise<HttpResult[]> {
  const first = await post(api, url, body);
  if (first.status !== 200) return [first];
  const cursor = (JSON.parse(first.body) as { nextCursor: string | null }).nextCursor;
  if (!cursor) return [{ ...first, status: 599, body: 'no second page' }];
  return [await post(api, url, { ...body, after: cursor })];
}

function searchWhere(plan: MatchPlan): { where: string; params: string[]; threshold: number | null } {
  const params: string[] = [];
  const p = (v: string) => {
    params.push(v);
    return `$${params.length + 1}`;
  };
  const alts = plan.any.map((x) => `t.search_text LIKE ${p(x)}`);
  if (plan.everyWord.length > 1)
    alts.push(
      `(${plan.everyWord.map((w) => `(${w.map((x) => `t.search_text LIKE ${p(x)}`).join(' OR ')})`).join(' AND ')})`,
    );
  if (plan.fuzzy) alts.push(`${p(plan.q)} <% t.search_text`);
  let where = `(${alts.join(' OR ')})`;
  for (const a of plan.also) where += ` AND t.search_text LIKE ${p(a)}`;
  return { where, params, threshold: plan.fuzzy?.threshold ?? null };
}

// One pass of global search: each table's matches capped at the API's CANDIDATES before they are
// ranked (the API's own bound on the work of a common name), the best 20 of each, then of all.
async function rawSearchPass(db: Loader, d: Dataset, plan: MatchPlan) {
  const { where, params, threshold } = searchWhere(plan);
  const qi = `$${params.length + 2}`;
  const arm = (object: string, table: string) =>
    `(SELECT '${object}' AS object, t.id, t.name AS title, word_similarity(${qi}, t.search_text) AS score
      FROM (SELECT t.id, t.name, t.search_text FROM ${table} t
        WHERE t.workspace_id = $1 AND t.deleted_at IS NULL AND ${where} LIMIT ${CANDIDATES}) t
      ORDER BY score DESC, t.id LIMIT 20)`;
  const text = `SELECT * FROM (${[
    arm('companies', 'companies'),
    arm('contacts', 'contacts'),
    arm('leads', 'leads'),
    arm('deals', 'deals'),
  ].join(' UNION ALL ')}) hits ORDER BY score DESC, title, id LIMIT 20`;
  if (threshold !== null)
    await db.query(`SELECT set_config('pg_trgm.word_similarity_threshold', '${threshold}', false)`);
  return db.query(text, [d.workspaceId, ...params, plan.q]);
}

/**
 * Global search as the API runs it: the exact matches first, and the typo pass only when they do
 * not fill the page (nor answer a pinyin name). Until 2026-12-07 the floor ran the typo pass over
 * every matching row, uncapped, and took seconds where the API took tens of milliseconds.
 */
async function rawSearch(db: Loader, d: Dataset, raw: string) {
  const q = normalizeQuery(raw);
  const plan = matchPlan(q);
  // Two Chinese characters: word starts first, the pinyin probes only when they leave the page short.
  const wordStarts = wordStartsOnly(plan);
  if (wordStarts) {
    const rows = await rawSearchPass(db, d, wordStarts);
    if (rows.length >= 20) return rows;
  }
  const exact: MatchPlan = { ...plan, fuzzy: null };
  if (!plan.fuzzy || !isSearchable(exact)) return rawSearchPass(db, d, plan);
  const rows = await rawSearchPass(db, d, exact);
  if (rows.length >= 20 || (rows.length > 0 && isPinyinText(q))) return rows;
  return rawSearchPass(db, d, plan);
}

async function rawTimeline(db: Loader, d: Dataset, object: string, id: string, direct: boolean) {
  await db.query(
    `SELECT a.id, a.type, a.subject, a.body, a.due_at, a.done_at, a.outcome, l.occurred_at, u.name
     FROM activity_links l JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
     LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = coalesce(a.created_by, a.owner_id)
     WHERE l.workspace_id = $1 AND l.object = $2 AND l.record_id = $3 AND a.deleted_at IS NULL ${direct ? 'AND l.direct' : ''}
     ORDER BY l.occurred_at DESC, l.activity_id DESC LIMIT 21`,
    [d.workspaceId, object, id],
  );
  await db.query(
    `SELECT id, kind, field, old_value, new_value, actor_id, at FROM record_history
     WHERE workspace_id = $1 AND object = $2 AND record_id = $3 ORDER BY at DESC, id DESC LIMIT 21`,
    [d.workspaceId, object, id],
  );
}

export const readShapes: ReadShape[] = [
  {
    name: 'list contacts: newest first, page 1',
    budget: 'list',
    api: (c) => get(c.admin, '/api/v1/objects/contacts?limit=50').then((r) => [r]),
    raw: (db, d) =>
      db.query(
        withNames(
          `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL
         ORDER BY updated_at DESC, id DESC LIMIT 51`,
          'contacts',
        ),
        [d.workspaceId],
      ),
  },
  {
    name: 'list contacts: city filter, name sort, page 2',
    budget: 'list',
    api: (c, i) =>
      secondPage(c.admin, '/api/v1/objects/contacts/search', {
        filters: [{ field: 'city', op: 'eq', value: at(CITIES, i) }],
        sort: [{ field: 'name', direction: 'asc' }],
        limit: 50,
      }),
    raw: async (db, d, i) => {
      const base = `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND city = $2`;
      const p1 = await db.query<{ name: string; id: string }>(
        withNames(`${base} ORDER BY name, id LIMIT 51`, 'contacts'),
        [d.workspaceId, at(CITIES, i)],
      );
      const last = p1[49];
      if (!last) return [];
      return db.query(withNames(`${base} AND (name, id) > ($3, $4) ORDER BY name, id LIMIT 51`, 'contacts'), [
        d.workspaceId,
        at(CITIES, i),
        last.name,
        last.id,
      ]);
    },
  },
  {
    name: 'list contacts: the 25k-contact company, newest first',
    budget: 'list',
    api: (c) =>
      post(c.admin, '/api/v1/objects/contacts/search', {
        filters: [{ field: 'companyId', op: 'eq', value: c.dataset.samples.bigCompanyId }],
        limit: 50,
      }).then((r) => [r]),
    raw: (db, d) =>
      db.query(
        withNames(
          `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND company_id = $2
         ORDER BY updated_at DESC, id DESC LIMIT 51`,
          'contacts',
        ),
        [d.workspaceId, d.samples.bigCompanyId],
      ),
  },
  {
    // A rep reads every contact (the built-in role shares them), so "mine" is a filter on the owner:
    // the owner with 50,000 records, signed in as that rep.
    name: 'list contacts: the busy rep’s own (owner filter), newest first',
    budget: 'list',
    api: (c) =>
      get(c.busyRep, `/api/v1/objects/contacts?limit=50&ownerId=${c.dataset.busyOwnerId}`).then((r) => [r]),
    raw: (db, d) =>
      db.query(
        withNames(
          `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND owner_id = $2
         ORDER BY updated_at DESC, id DESC LIMIT 51`,
          'contacts',
        ),
        [d.workspaceId, d.busyOwnerId],
      ),
  },
  {
    name: 'list contacts: custom select filter (VIP), newest first',
    budget: 'list',
    api: (c) => get(c.admin, '/api/v1/objects/contacts?limit=50&customerLevel=vip').then((r) => [r]),
    raw: (db, d) =>
      db.query(
        withNames(
          `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND deleted_at IS NULL AND (custom->>'customerLevel') = 'vip'
         ORDER BY updated_at DESC, id DESC LIMIT 51`,
          'contacts',
        ),
        [d.workspaceId],
      ),
  },
  {
    name: 'list deals: custom fields (region, contract years), newest first',
    budget: 'list',
    api: (c, i) =>
      post(c.admin, '/api/v1/objects/deals/search', {
        filters: [
          { field: 'region', op: 'eq', value: at(['east', 'north', 'south'], i) },
          { field: 'contractYears', op: 'gte', value: 3 },
        ],
        limit: 50,
      }).then((r) => [r]),
    raw: (db, d, i) =>
      db.query(
        withNames(
          `SELECT ${DEAL_COLS} FROM deals WHERE workspace_id = $1 AND deleted_at IS NULL AND (custom->>'region') = $2
           AND rapport_num(custom->>'contractYears') >= 3
         ORDER BY updated_at DESC, id DESC LIMIT 51`,
          'deals',
        ),
        [d.workspaceId, at(['east', 'north', 'south'], i)],
      ),
  },
  ...(
    [
      ['search: Latin name', (d: Dataset) => d.samples.names.latin],
      ['search: Chinese name', (d: Dataset) => d.samples.names.chinese],
      ['search: pinyin', (d: Dataset) => d.samples.names.pinyin],
      [
        'search: phone digits',
        (d: Dataset) => d.samples.names.phones.map((p) => p.replace(/\D/g, '').slice(-8)),
      ],
    ] as const
  ).map(
    ([name, terms]): ReadShape => ({
      name,
      budget: 'search',
      api: (c, i) =>
        get(c.admin, `/api/v1/search?limit=20&q=${encodeURIComponent(at([...terms(c.dataset)], i))}`).then(
          (r) => [r],
        ),
      raw: (db, d, i) => rawSearch(db, d, at([...terms(d)], i)),
    }),
  ),
  {
    name: 'contact with timeline',
    budget: 'record',
    api: (c, i) => {
      const id = at(c.dataset.samples.contactIds, i);
      return Promise.all([
        get(c.admin, `/api/v1/objects/contacts/${id}`),
        get(c.admin, `/api/v1/objects/contacts/${id}/timeline?limit=20`),
      ]);
    },
    raw: async (db, d, i) => {
      const id = at(d.samples.contactIds, i);
      await db.query(
        `SELECT ${CONTACT_COLS} FROM contacts WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL`,
        [d.workspaceId, id],
      );
      await rawTimeline(db, d, 'contacts', id, true);
    },
  },
  {
    name: 'company 360° with timeline (the 25k-contact company)',
    budget: 'record',
    api: (c) => {
      const id = c.dataset.samples.bigCompanyId;
      return Promise.all([
        get(c.admin, `/api/v1/objects/companies/${id}`),
        get(c.admin, `/api/v1/objects/companies/${id}/timeline?limit=20`),
      ]);
    },
    raw: async (db, d) => {
      const id = d.samples.bigCompanyId;
      await db.query('SELECT * FROM companies WHERE workspace_id = $1 AND id = $2 AND deleted_at IS NULL', [
        d.workspaceId,
        id,
      ]);
      await rawTimeline(db, d, 'companies', id, false);
    },
  },
  {
    name: 'pipeline summary (converted to CNY)',
    budget: 'pipeline',
    api: (c) =>
      get(c.admin, `/api/v1/reports/pipeline-summary?pipelineId=${c.dataset.pipelineId}`).then((r) => [r]),
    raw: async (db, d) => {
      await db.query(
        `SELECT stage_id, currency, count(*), sum(amount) FROM deals
         WHERE workspace_id = $1 AND pipeline_id = $2 AND deleted_at IS NULL GROUP BY stage_id, currency`,
        [d.workspaceId, d.pipelineId],
      );
    },
  },
];
