// Editing an approval process (PATCH /approval-processes/:id): validated as on create, If-Match
// honoured, the object fixed, steps frozen while requests are pending, and only for manageWorkflows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../test/harness';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let companyId: string;

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.createUser({ role: 'manager', name: 'Mona Manager' });
  const team = await t.createTeam({ managerId: manager.id });
  rep = await t.createUser({ role: 'rep', name: 'Rita Rep', teamId: team, managerId: manager.id });
  companyId = (await rep.client.post('/api/v1/objects/companies', { name: 'Acme' })).json().id;
});
afterAll(async () => {
  await t?.close();
});

async function process(name: string) {
  const res = await t.admin.client.post('/api/v1/approval-processes', {
    name,
    object: 'commitments',
    entryCriteria: [{ field: 'value', op: 'gt', value: '0' }],
    steps: [{ approver: 'ownerManager' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

describe('PATCH /approval-processes/:id', () => {
  it('changes name, criteria, steps and locked fields, bumping the version and honouring If-Match', async () => {
    const p = await process('Big commitments');
    expect(p.version).toBe(1);
    const res = await t.admin.client.patch(
      `/api/v1/approval-processes/${p.id}`,
      {
        name: 'Commitments over 5,000',
        entryCriteria: [{ field: 'value', op: 'gte', value: '5000' }],
        steps: [{ approver: 'ownerManager' }, { approver: 'role:finance' }],
        lockedFields: ['description', 'value'],
      },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      name: 'Commitments over 5,000',
      object: 'commitments',
      version: 2,
      steps: [{ approver: 'ownerManager' }, { approver: 'role:finance' }],
      lockedFields: ['description', 'value'],
      entryCriteria: [{ field: 'value', op: 'gte', value: '5000' }],
    });

    const stale = await t.admin.client.patch(
      `/api/v1/approval-processes/${p.id}`,
      { name: 'x' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().current).toMatchObject({ version: 2, name: 'Commitments over 5,000' });
    const bad = await t.admin.client.patch(
      `/api/v1/approval-processes/${p.id}`,
      { name: 'x' },
      { 'if-match': 'yes' },
    );
    expect(bad.statusCode).toBe(400);

    // null unlocks the list: every field is locked again while pending.
    const all = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, { lockedFields: null });
    expect(all.json()).toMatchObject({ lockedFields: null, version: 3 });
    const listed = (await t.admin.client.get('/api/v1/approval-processes?object=commitments')).json().data;
    expect(listed.find((x: { id: string }) => x.id === p.id)).toMatchObject({
      version: 3,
      name: 'Commitments over 5,000',
    });
  });

  it('refuses what create refuses, with the field at fault, and changes nothing', async () => {
    const p = await process('Checked');
    const res = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, {
      entryCriteria: [{ field: 'nope', op: 'eq', value: '1' }],
      steps: [
        { approver: 'role:no-such-role' },
        { approver: `user:${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` },
      ],
      lockedFields: ['value', 'notAField'],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'entryCriteria.0.field',
        'steps.0.approver',
        'steps.1.approver',
        'lockedFields.1',
      ]),
    );
    for (const body of [
      { object: 'contacts' },
      { steps: [] },
      { steps: [{ approver: 'anyone' }] },
      { name: '   ' },
      { active: 'yes' },
    ]) {
      const r = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const after = (await t.admin.client.get('/api/v1/approval-processes')).json().data;
    expect(after.find((x: { id: string }) => x.id === p.id)).toMatchObject({ version: 1, name: 'Checked' });
  });

  it('is for manageWorkflows only; an unknown or archived process is a 404', async () => {
    const p = await process('Guarded');
    expect((await rep.client.patch(`/api/v1/approval-processes/${p.id}`, { name: 'mine' })).statusCode).toBe(
      403,
    );
    const missing = '11111111-1111-4111-8111-111111111111';
    expect(
      (await t.admin.client.patch(`/api/v1/approval-processes/${missing}`, { name: 'x' })).statusCode,
    ).toBe(404);
    expect((await t.admin.client.delete(`/api/v1/approval-processes/${p.id}`)).statusCode).toBe(204);
    expect((await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, { name: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('keeps the steps while a request is pending on them (409), but lets the name change', async () => {
    const p = await process('Pending one');
    const c = await rep.client.post('/api/v1/objects/commitments', {
      companyId,
      description: 'Free training day',
      value: { amount: '3000', currency: 'CNY' },
    });
    expect(c.statusCode, c.body).toBe(201);
    const sub = await rep.client.post(`/api/v1/objects/commitments/${c.json().id}/approvals`, {
      processId: p.id,
    });
    expect(sub.statusCode, sub.body).toBe(201);

    const steps = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, {
      steps: [{ approver: 'role:finance' }],
    });
    expect(steps.statusCode).toBe(409);
    expect(steps.json().errors).toEqual([{ field: 'steps', message: 'Requests are pending on these steps' }]);
    const renamed = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, {
      name: 'Pending one (renamed)',
      steps: [{ approver: 'ownerManager' }],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const ok = await manager.client.post(`/api/v1/approvals/${sub.json().id}/approve`, {});
    expect(ok.json()).toMatchObject({ status: 'approved' });
    const now = await t.admin.client.patch(`/api/v1/approval-processes/${p.id}`, {
      steps: [{ approver: 'ownerManager' }, { approver: 'role:finance' }],
    });
    expect(now.statusCode, now.body).toBe(200);
  });
});
