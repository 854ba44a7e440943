import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { newId } from '../../platform/ids';

let t: TestApp;
let stages: { id: string; name: string; kind: string; probability: number }[];
let pipelineId: string;

const deal = (name: string, stageId: string, amount: string | null, currency = 'CNY') => ({
  name,
  stageId,
  ...(amount === null ? {} : { amount: { amount, currency } }),
});

beforeAll(async () => {
  t = await createTestApp();
  // The harness workspace is in CNY; rates say what one USD and one EUR are worth in it.
  await t.store.db
    .updateTable('workspaces')
    .set({ settings: JSON.stringify({ exchangeRates: { USD: '7.10', EUR: '7.80', BAD: 'x', GBP: 'abc' } }) })
    .where('id', '=', t.workspaceId)
    .execute();
  const pipelines = await t.admin.client.get('/api/v1/pipelines');
  expect(pipelines.statusCode, pipelines.body).toBe(200);
  const p = pipelines.json().data[0];
  pipelineId = p.id;
  stages = p.stages;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /reports/pipeline-summary', () => {
  it('sums deals per stage in each currency and converts them into the workspace currency', async () => {
    const c = t.admin.client;
    const [first, second] = stages.filter((s) => s.kind === 'open');
    for (const d of [
      deal('年度采购', first!.id, '1000.50'),
      deal('Renewal', first!.id, '100.00', 'USD'),
      deal('Pilot', first!.id, null),
      deal('Expansion', second!.id, '10.00', 'EUR'),
      deal('Yen deal', second!.id, '5000', 'JPY'),
    ]) {
      const res = await c.post('/api/v1/objects/deals', d);
      expect(res.statusCode, res.body).toBe(201);
    }
    const gone = await c.post('/api/v1/objects/deals', deal('Deleted', first!.id, '999.00'));
    expect((await c.delete(`/api/v1/objects/deals/${gone.json().id}`)).statusCode).toBe(204);

    const res = await c.get(`/api/v1/reports/pipeline-summary?pipelineId=${pipelineId}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.currency).toBe('CNY');
    expect(body.stages.map((s: { stageId: string }) => s.stageId)).toEqual(stages.map((s) => s.id));
    const s1 = body.stages[0];
    expect(s1.count).toBe(3);
    // 1000.50 CNY + 100 USD × 7.10; the deal without an amount counts but adds nothing.
    expect(s1.amount).toEqual({ amount: '1710.50', currency: 'CNY' });
    expect(s1.byCurrency).toEqual([
      { currency: 'CNY', count: 1, amount: '1000.50' },
      { currency: 'USD', count: 1, amount: '100.00' },
    ]);
    expect(s1.weighted.amount).toBe(((1710.5 * first!.probability) / 100).toFixed(2));
    const s2 = body.stages[1];
    // JPY has no rate: listed, counted, not converted.
    expect(s2.count).toBe(2);
    expect(s2.amount).toEqual({ amount: '78.00', currency: 'CNY' });
    expect(body.unconverted).toEqual(['JPY']);
    // The rates it used, for a board to move a converted amount before its refetch.
    expect(body.rates).toEqual({ CNY: '1', USD: '7.1', EUR: '7.8' });
    expect(body.total.count).toBe(5);
    expect(body.total.amount).toEqual({ amount: '1788.50', currency: 'CNY' });
    expect(body.stages.slice(2).every((s: { count: number }) => s.count === 0)).toBe(true);
  });

  it('uses the default pipeline when none is named', async () => {
    const res = await t.admin.client.get('/api/v1/reports/pipeline-summary');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().pipelineId).toBe(pipelineId);
  });

  it('counts only the deals the caller may read', async () => {
    const rep = await t.createUser({ role: 'rep' });
    const mine = await rep.client.post('/api/v1/objects/deals', deal('Mine', stages[0]!.id, '50.00'));
    expect(mine.statusCode, mine.body).toBe(201);
    const res = await rep.client.get(`/api/v1/reports/pipeline-summary?pipelineId=${pipelineId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toMatchObject({ count: 1, amount: { amount: '50.00', currency: 'CNY' } });
  });

  it('answers 404 for a pipeline that does not exist and 400 for a malformed id or unknown parameter', async () => {
    const c = t.admin.client;
    const missing = await c.get(
      '/api/v1/reports/pipeline-summary?pipelineId=0190a8c0-0000-7000-8000-000000000000',
    );
    expect(missing.statusCode).toBe(404);
    const bad = await c.get("/api/v1/reports/pipeline-summary?pipelineId=1'%20OR%201=1");
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json().errors)).toContain('pipelineId');
    expect((await c.get('/api/v1/reports/pipeline-summary?stage=1')).statusCode).toBe(400);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.anon.get('/api/v1/reports/pipeline-summary')).statusCode).toBe(401);
  });
});

describe("GET /reports/pipeline-summary with the board's filters", () => {
  const tag = `flt${Date.now().toString(36)}`;
  const url = (filters: unknown, extra = '') =>
    `/api/v1/reports/pipeline-summary?pipelineId=${pipelineId}&filters=${encodeURIComponent(
      JSON.stringify(filters),
    )}${extra}`;
  let rep: Awaited<ReturnType<TestApp['createUser']>>;

  beforeAll(async () => {
    const c = t.admin.client;
    const [first, second] = stages;
    for (const d of [
      deal(`${tag} small`, first!.id, '100.00'),
      deal(`${tag} dollars`, first!.id, '200.00', 'USD'),
      deal(`${tag} large`, second!.id, '300.00'),
    ]) {
      const res = await c.post('/api/v1/objects/deals', d);
      expect(res.statusCode, res.body).toBe(201);
    }
    rep = await t.createUser({ role: 'rep' });
    const own = await rep.client.post('/api/v1/objects/deals', deal(`${tag} rep own`, first!.id, '50.00'));
    expect(own.statusCode, own.body).toBe(201);
  });

  it('sums only the deals the filter tree matches, "or" groups included, as the list counts them', async () => {
    const filters = [
      { field: 'name', op: 'contains', value: tag },
      {
        or: [
          { field: 'amount', op: 'gte', value: '250' },
          { field: 'amount.currency', op: 'eq', value: 'USD' },
        ],
      },
    ];
    const res = await t.admin.client.get(url(filters));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.stages[0]).toMatchObject({ count: 1, amount: { amount: '1420.00', currency: 'CNY' } });
    expect(body.stages[1]).toMatchObject({ count: 1, amount: { amount: '300.00', currency: 'CNY' } });
    expect(body.total).toMatchObject({ count: 2, amount: { amount: '1720.00', currency: 'CNY' } });
    // The list, given the same filters, finds the same deals.
    const list = await t.admin.client.post('/api/v1/objects/deals/search', { filters, total: 'exact' });
    expect(list.json().total).toBe(2);
  });

  it('narrows by q like the list does', async () => {
    const res = await t.admin.client.get(url([], `&q=${encodeURIComponent(`${tag} LARGE`)}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toMatchObject({ count: 1, amount: { amount: '300.00', currency: 'CNY' } });
  });

  it("leaves out the deals a rep may not see: the same filter gives a rep only the rep's own", async () => {
    const filters = [{ field: 'name', op: 'contains', value: tag }];
    const admin = await t.admin.client.get(url(filters));
    expect(admin.json().total.count).toBe(4);
    const res = await rep.client.get(url(filters));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toMatchObject({ count: 1, amount: { amount: '50.00', currency: 'CNY' } });
    expect(res.json().stages[0].count).toBe(1);
  });

  it('refuses a field the caller cannot see as unknown and keeps amounts it hides out of the sums', async () => {
    await sql`INSERT INTO roles (workspace_id, id, key, name, permissions) VALUES (${t.workspaceId}, ${newId()}, 'noamounts', 'No amounts',
      ${JSON.stringify({
        objects: { '*': { read: 'all', create: 'none', update: 'none', delete: 'none' } },
        fields: { deals: { amount: 'hidden' } },
        capabilities: [],
      })}::jsonb)`.execute(t.store.db);
    const reader = await t.createUser({ role: 'noamounts' });
    const bad = await reader.client.get(url([{ field: 'amount', op: 'gte', value: '250' }]));
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    const inGroup = await reader.client.get(
      url([
        {
          or: [
            { field: 'name', op: 'eq', value: 'x' },
            { field: 'amount.currency', op: 'eq', value: 'USD' },
          ],
        },
      ]),
    );
    expect(inGroup.statusCode, inGroup.body).toBe(400);
    expect(JSON.stringify(inGroup.json().errors)).toContain('amount.currency');
    const ok = await reader.client.get(url([{ field: 'name', op: 'contains', value: tag }]));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      amountsVisible: false,
      total: { count: 4, amount: { amount: '0.00', currency: 'CNY' } },
      unconverted: [],
    });
    expect(ok.json().stages[0].byCurrency).toEqual([]);
  });

  it('answers 400 naming the part at fault for malformed, unknown or hostile filters', async () => {
    const c = t.admin.client;
    const cases: [string, string][] = [
      [url([{ field: 'nope', op: 'eq', value: 1 }]), 'nope'],
      [url([{ field: 'name', op: 'like', value: 'x' }]), 'filters.0.op'],
      [url({ field: 'name', op: 'eq', value: 'x' }), 'filters'],
      [url([{ or: [] }]), 'filters.0'],
      [url([{ field: 'closeDate', op: 'gt', value: 'tomorrowish' }]), 'closeDate'],
      [`/api/v1/reports/pipeline-summary?filters=${encodeURIComponent('[{"field":')}`, 'filters'],
      [`/api/v1/reports/pipeline-summary?filters=x&filters=y`, 'filters'],
      [`/api/v1/reports/pipeline-summary?q=${'x'.repeat(501)}`, 'q'],
    ];
    for (const [u, field] of cases) {
      const res = await c.get(u);
      expect(res.statusCode, `${u}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors ?? res.json()), u).toContain(field);
    }
    const hostile = await c.get(url([{ field: 'name', op: 'eq', value: "x' OR 1=1; DROP TABLE deals; --" }]));
    expect(hostile.statusCode, hostile.body).toBe(200);
    expect(hostile.json().total.count).toBe(0);
  });
});
