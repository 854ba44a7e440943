// Pipelines and stages; deals moving through them: status and probability follow the stage,
// every move is kept in deal_stage_history and announced as stage.changed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { deal, fieldsOf } from './factories';

let t: TestApp;
let rep: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
});
afterAll(async () => {
  await t?.close();
});

const stages = [
  { name: 'Lead in', label: { en: 'Lead in', 'zh-CN': '线索进入' }, probability: 5 },
  { name: 'Demo', probability: 40 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

describe('pipelines', () => {
  it('seeds a default sales pipeline with bilingual stages in every new workspace', async () => {
    const res = await rep.client.get('/api/v1/pipelines');
    expect(res.statusCode).toBe(200);
    const [p] = res.json().data;
    expect(p).toMatchObject({ isDefault: true, label: { en: 'Sales pipeline', 'zh-CN': '销售管道' } });
    expect(p.stages.map((s: { label: { 'zh-CN': string } }) => s.label['zh-CN'])).toEqual([
      '资格审查',
      '需求分析',
      '方案报价',
      '商务谈判',
      '赢单',
      '输单',
    ]);
    expect(p.stages.map((s: { kind: string }) => s.kind)).toEqual([
      'open',
      'open',
      'open',
      'open',
      'won',
      'lost',
    ]);
  });

  it('lets admins create, edit and archive pipelines; reps only read', async () => {
    expect((await rep.client.post('/api/v1/pipelines', { name: 'Rep pipe', stages })).statusCode).toBe(403);
    const res = await t.admin.client.post('/api/v1/pipelines', { name: 'APAC', currency: 'SGD', stages });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ name: 'APAC', currency: 'SGD', isDefault: false });
    expect(p.stages.map((s: { name: string }) => s.name)).toEqual(['Lead in', 'Demo', 'Won', 'Lost']);
    expect((await t.admin.client.post('/api/v1/pipelines', { name: 'apac', stages })).statusCode).toBe(409);
    const noOpen = await t.admin.client.post('/api/v1/pipelines', {
      name: 'Closed only',
      stages: [{ name: 'W', probability: 100, kind: 'won' }],
    });
    expect(noOpen.statusCode).toBe(400);
    expect(fieldsOf(noOpen)).toEqual(['stages']);
    const bad = await t.admin.client.post('/api/v1/pipelines', {
      name: 'Bad',
      stages: [{ name: 'S', probability: 150 }],
    });
    expect(bad.statusCode).toBe(400);

    // Reorder, rename, add one and drop one (no deals in it).
    const [leadIn, demo, won, lost] = p.stages;
    const upd = await t.admin.client.patch(`/api/v1/pipelines/${p.id}`, {
      stages: [
        { id: demo.id, name: 'Demo done', probability: 45 },
        { name: 'Trial', probability: 60 },
        { id: won.id, name: 'Won', probability: 100, kind: 'won' },
        { id: lost.id, name: 'Lost', probability: 0, kind: 'lost' },
      ],
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().stages.map((s: { name: string }) => s.name)).toEqual([
      'Demo done',
      'Trial',
      'Won',
      'Lost',
    ]);
    expect(upd.json().stages[0].id).toBe(demo.id);
    expect(upd.json().stages.some((s: { id: string }) => s.id === leadIn.id)).toBe(false);

    // A stage with deals in it cannot be dropped; a pipeline with deals cannot be archived.
    const d = await deal(t.admin.client, { name: 'APAC deal', pipelineId: p.id });
    expect(d.stageId).toBe(demo.id);
    const drop = await t.admin.client.patch(`/api/v1/pipelines/${p.id}`, {
      stages: [
        { id: won.id, name: 'Won', probability: 100, kind: 'won' },
        { name: 'Only', probability: 10 },
      ],
    });
    expect(drop.statusCode).toBe(422);
    expect((await t.admin.client.delete(`/api/v1/pipelines/${p.id}`)).statusCode).toBe(422);
    await t.admin.client.delete(`/api/v1/objects/deals/${d.id}`);
    expect((await t.admin.client.delete(`/api/v1/pipelines/${p.id}`)).statusCode).toBe(204);
    expect((await t.admin.client.get(`/api/v1/pipelines/${p.id}`)).statusCode).toBe(404);
    const [def] = (await t.admin.client.get('/api/v1/pipelines')).json().data;
    expect((await t.admin.client.delete(`/api/v1/pipelines/${def.id}`)).statusCode).toBe(422);
  });
});

describe('deals in stages', () => {
  it('derives status and probability from the stage and records every stay', async () => {
    const [p] = (await t.admin.client.get('/api/v1/pipelines')).json().data;
    const [qual, needs, , , won] = p.stages;
    const d = await deal(rep.client, { name: 'Stage walker', amount: { amount: '1000', currency: 'CNY' } });
    expect(d).toMatchObject({ stageId: qual.id, status: 'open', probability: 10, closedAt: null });
    const moved = await rep.client.patch(`/api/v1/objects/deals/${d.id}`, { stageId: needs.id });
    expect(moved.json()).toMatchObject({ probability: 25, status: 'open' });
    const custom = await rep.client.patch(`/api/v1/objects/deals/${d.id}`, { probability: 33 });
    expect(custom.json().probability).toBe(33);
    const closed = await rep.client.patch(`/api/v1/objects/deals/${d.id}`, { stageId: won.id });
    expect(closed.json()).toMatchObject({ status: 'won', probability: 100 });
    expect(closed.json().closedAt).toBeTruthy();
    const stays = await sql<{ stage_id: string; entered_at: Date; left_at: Date | null; amount: string }>`
      SELECT stage_id, entered_at, left_at, amount FROM deal_stage_history WHERE workspace_id = ${t.workspaceId} AND deal_id = ${d.id}
      ORDER BY entered_at`.execute(t.store.db);
    expect(stays.rows.map((r) => r.stage_id)).toEqual([qual.id, needs.id, won.id]);
    expect(stays.rows.slice(0, 2).every((r) => r.left_at !== null)).toBe(true);
    expect(stays.rows[2]!.left_at).toBeNull();
    const events = await sql<{
      payload: any;
    }>`SELECT payload FROM outbox_events WHERE workspace_id = ${t.workspaceId}
      AND record_id = ${d.id} AND type = 'stage.changed' ORDER BY seq`.execute(t.store.db);
    expect(events.rows.map((e) => [e.payload.fromStageId, e.payload.toStageId])).toEqual([
      [null, qual.id],
      [qual.id, needs.id],
      [needs.id, won.id],
    ]);
    expect(events.rows[0]!.payload.pipelineId).toBe(p.id);
  });

  it('refuses a stage of another pipeline and an unknown stage', async () => {
    const other = (await t.admin.client.post('/api/v1/pipelines', { name: 'Renewals', stages })).json();
    const [def] = (await t.admin.client.get('/api/v1/pipelines')).json().data;
    const res = await t.admin.client.post('/api/v1/objects/deals', {
      name: 'Mixed',
      pipelineId: def.id,
      stageId: other.stages[0].id,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['stageId']);
    const unknown = await t.admin.client.post('/api/v1/objects/deals', {
      name: 'Lost',
      stageId: '00000000-0000-7000-8000-000000000000',
    });
    expect(fieldsOf(unknown)).toEqual(['stageId']);
    // Giving only a stage picks its pipeline; moving pipelines picks the first open stage.
    const d = await deal(t.admin.client, { name: 'By stage', stageId: other.stages[1].id });
    expect(d.pipelineId).toBe(other.id);
    const back = await t.admin.client.patch(`/api/v1/objects/deals/${d.id}`, { pipelineId: def.id });
    expect(back.json().stageId).toBe(def.stages[0].id);
  });

  it('shows stage moves on the deal timeline with stage names in both languages', async () => {
    const [p] = (await t.admin.client.get('/api/v1/pipelines')).json().data;
    const d = await deal(t.admin.client, { name: 'Timeline deal' });
    await t.admin.client.patch(`/api/v1/objects/deals/${d.id}`, { stageId: p.stages[2].id });
    const tl = (await t.admin.client.get(`/api/v1/objects/deals/${d.id}/timeline?kinds=stage`)).json().data;
    expect(tl.map((i: { kind: string }) => i.kind)).toEqual(['stage', 'stage']);
    expect(tl[0].toStage.label).toEqual({ en: 'Proposal', 'zh-CN': '方案报价' });
    expect(tl[0].fromStage.name).toBeTruthy();
    expect(tl[1].fromStageId).toBeNull();
  });
});
