import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';

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
