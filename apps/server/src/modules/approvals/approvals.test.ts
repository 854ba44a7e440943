import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../test/harness';

let t: TestApp;
let manager: TestUser;
let rep: TestUser;
let finance: TestUser;
let support: TestUser;
let companyId: string;
let processId: string;

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.createUser({ role: 'manager', name: 'Mona Manager' });
  const team = await t.createTeam({ managerId: manager.id });
  rep = await t.createUser({ role: 'rep', name: 'Rita Rep', teamId: team, managerId: manager.id });
  finance = await t.createUser({ role: 'finance', name: 'Fei Finance' });
  support = await t.createUser({ role: 'support', name: 'Sam Support' });
  companyId = (await rep.client.post('/api/v1/objects/companies', { name: '华为' })).json().id;
  const p = await t.admin.client.post('/api/v1/approval-processes', {
    name: 'Commitments over 0',
    object: 'commitments',
    entryCriteria: [{ field: 'value', op: 'gt', value: '0' }],
    steps: [{ approver: 'ownerManager' }, { approver: 'role:finance' }],
    lockedFields: ['description', 'value', 'dueAt'],
  });
  expect(p.statusCode, p.body).toBe(201);
  processId = p.json().id;
});
afterAll(async () => {
  await t?.close();
});

async function commitment(description: string, amount: string) {
  const res = await rep.client.post('/api/v1/objects/commitments', {
    companyId,
    description,
    value: { amount, currency: 'CNY' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

describe('R22: a commitment approved once, seen by everyone', () => {
  it('goes through the owner’s manager and finance, locked meanwhile, with each decision on the record', async () => {
    const c = await commitment('Free 3-month service extension', '12000');
    expect(c.status).toBe('proposed');

    const submitted = await rep.client.post(`/api/v1/objects/commitments/${c.id}/approvals`, {
      comment: 'Needed to close the deal',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const approval = submitted.json();
    expect(approval).toMatchObject({ status: 'pending', currentStep: 0, process: { id: processId } });
    expect(approval.steps[0]).toMatchObject({ approver: 'ownerManager', approverIds: [manager.id] });
    // The record page shows which fields are locked: the process's list, kept with the request.
    expect(approval.lockedFields).toEqual(['description', 'value', 'dueAt']);
    const history = (await rep.client.get(`/api/v1/objects/commitments/${c.id}/approvals`)).json().data;
    expect(history[0]).toMatchObject({
      id: approval.id,
      status: 'pending',
      lockedFields: ['description', 'value', 'dueAt'],
    });
    expect((await rep.client.get(`/api/v1/objects/commitments/${c.id}`)).json().status).toBe(
      'pendingApproval',
    );

    // Locked while pending: what is approved cannot change under the approver.
    const edit = await rep.client.patch(`/api/v1/objects/commitments/${c.id}`, {
      value: { amount: '50000', currency: 'CNY' },
    });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().errors).toEqual([{ field: 'value', message: 'Locked while its approval is pending' }]);
    expect((await rep.client.post(`/api/v1/objects/commitments/${c.id}/approvals`, {})).statusCode).toBe(409);

    // The approvers are told, and see it in their inbox.
    const notices = await t.store.db
      .selectFrom('emails')
      .where('workspace_id', '=', t.workspaceId)
      .where('source', '=', 'approval')
      .select(['to_addresses', 'subject'])
      .execute();
    expect(notices.map((n) => n.to_addresses)).toEqual([[manager.email]]);
    expect(notices[0]!.subject).toContain('Free 3-month service extension');
    const inbox = (await manager.client.get('/api/v1/approvals?mine=pending')).json().data;
    expect(inbox.map((a: { id: string }) => a.id)).toEqual([approval.id]);
    expect((await finance.client.get('/api/v1/approvals?mine=pending')).json().data).toHaveLength(0);

    // Only the step's approver decides.
    expect((await finance.client.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(403);
    expect((await rep.client.post(`/api/v1/approvals/${approval.id}/approve`, {})).statusCode).toBe(403);
    const step1 = await manager.client.post(`/api/v1/approvals/${approval.id}/approve`, {
      comment: 'OK for this account',
    });
    expect(step1.statusCode, step1.body).toBe(200);
    expect(step1.json()).toMatchObject({ status: 'pending', currentStep: 1 });
    expect((await finance.client.get('/api/v1/approvals?mine=pending')).json().data).toHaveLength(1);
    expect((await manager.client.get('/api/v1/approvals?mine=pending')).json().data).toHaveLength(0);

    const done = await finance.client.post(`/api/v1/approvals/${approval.id}/approve`, {
      comment: 'Cost accepted',
    });
    expect(done.json()).toMatchObject({ status: 'approved', currentStep: null });
    expect(
      done
        .json()
        .steps.map((s: { decision: string; comment: string; decidedBy: string }) => [
          s.decision,
          s.comment,
          s.decidedBy,
        ]),
    ).toEqual([
      ['approved', 'OK for this account', manager.id],
      ['approved', 'Cost accepted', finance.id],
    ]);
    expect((await finance.client.post(`/api/v1/approvals/${approval.id}/reject`, {})).statusCode).toBe(422);

    // One record for sales, support and finance: status and history read the same for all.
    for (const who of [rep, support, finance]) {
      const rec = await who.client.get(`/api/v1/objects/commitments/${c.id}`);
      expect(rec.statusCode).toBe(200);
      expect(rec.json().status).toBe('approved');
      const history = (await who.client.get(`/api/v1/objects/commitments/${c.id}/approvals`)).json().data;
      expect(history[0]).toMatchObject({
        status: 'approved',
        submitted: { description: 'Free 3-month service extension' },
      });
    }
    const onCompany = (
      await support.client.post('/api/v1/objects/commitments/search', {
        filters: [{ field: 'companyId', op: 'eq', value: companyId }],
      })
    ).json().data;
    expect(onCompany.map((x: { id: string; status: string }) => [x.id, x.status])).toContainEqual([
      c.id,
      'approved',
    ]);

    // Each decision is on the commitment's timeline.
    const timeline = (
      await rep.client.get(`/api/v1/objects/commitments/${c.id}/timeline?kinds=approval`)
    ).json().data;
    expect(
      timeline.map((i: { approval: { action: string; comment: string } }) => [
        i.approval.action,
        i.approval.comment,
      ]),
    ).toEqual([
      ['approved', 'Cost accepted'],
      ['approved', 'OK for this account'],
      ['submitted', 'Needed to close the deal'],
    ]);
    // Unlocked afterwards.
    expect(
      (await rep.client.patch(`/api/v1/objects/commitments/${c.id}`, { dueAt: '2027-03-01T00:00:00Z' }))
        .statusCode,
    ).toBe(200);
  });

  it('ends at the first rejection, with the reason kept', async () => {
    const c = await commitment('50% discount forever', '900000');
    const a = (await rep.client.post(`/api/v1/objects/commitments/${c.id}/approvals`, {})).json();
    const r = await manager.client.post(`/api/v1/approvals/${a.id}/reject`, { comment: 'Far too much' });
    expect(r.json()).toMatchObject({ status: 'rejected' });
    expect(r.json().steps[0]).toMatchObject({ decision: 'rejected', comment: 'Far too much' });
    expect(r.json().steps[1]).toMatchObject({ decision: null });
    expect((await rep.client.get(`/api/v1/objects/commitments/${c.id}`)).json().status).toBe('rejected');
  });

  it('does not let anyone mark a commitment approved by editing it', async () => {
    const c = await commitment('Free training day', '3000');
    const res = await rep.client.patch(`/api/v1/objects/commitments/${c.id}`, { status: 'approved' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('status');
    expect(
      (await rep.client.patch(`/api/v1/objects/commitments/${c.id}`, { status: 'cancelled' })).statusCode,
    ).toBe(200);
  });

  it('refuses records outside the entry criteria and bad process definitions', async () => {
    const c = await commitment('A thank-you card', '0');
    const res = await rep.client.post(`/api/v1/objects/commitments/${c.id}/approvals`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/entry criteria/);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', object: 'nothing', steps: [{ approver: 'ownerManager' }] }, 'object'],
      [{ name: 'x', object: 'commitments', steps: [{ approver: 'boss' }] }, 'steps.0.approver'],
      [{ name: 'x', object: 'commitments', steps: [{ approver: 'role:emperor' }] }, 'steps.0.approver'],
      [{ name: 'x', object: 'commitments', steps: [] }, 'steps'],
      [
        { name: 'x', object: 'commitments', steps: [{ approver: 'ownerManager' }], lockedFields: ['nope'] },
        'lockedFields.0',
      ],
      [
        {
          name: 'x',
          object: 'commitments',
          steps: [{ approver: 'ownerManager' }],
          entryCriteria: [{ field: 'value', op: 'gt', value: 'much' }],
        },
        'entryCriteria.0.value',
      ],
    ];
    for (const [body, field] of cases) {
      const r = await t.admin.client.post('/api/v1/approval-processes', body);
      expect(r.statusCode, `${JSON.stringify(body)} → ${r.body}`).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      (
        await rep.client.post('/api/v1/approval-processes', {
          name: 'x',
          object: 'commitments',
          steps: [{ approver: 'ownerManager' }],
        })
      ).statusCode,
    ).toBe(403);
    const missing = '0190a0b0-0000-7000-8000-000000000000';
    expect((await manager.client.post(`/api/v1/approvals/${missing}/approve`, {})).statusCode).toBe(404);
    expect((await rep.client.post(`/api/v1/objects/commitments/${missing}/approvals`, {})).statusCode).toBe(
      404,
    );
  });
});
