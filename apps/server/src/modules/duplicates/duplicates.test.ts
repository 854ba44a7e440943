// Duplicates: the list, the create-form check, merge (activities, deals, history, commitments and
// contacts move to the winner; losers deleted and pointing at it; audit entry) and undo of a merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';

type Rec = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = async (url: string, body: unknown, status = 201) => {
  const res = await t.admin.client.post(url, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

describe('duplicates', () => {
  let acme: string;
  const c: Record<string, string> = {};
  beforeAll(async () => {
    acme = (await post('/api/v1/objects/companies', { name: 'Acme', domain: 'acme.example' })).id;
    c.a = (
      await post('/api/v1/objects/contacts', {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'Ada@Example.com',
        phone: '+44 20 7946 0958',
        companyId: acme,
        title: 'Countess',
      })
    ).id;
    c.b = (
      await post('/api/v1/objects/contacts', {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        companyId: acme,
        department: 'Research',
      })
    ).id;
    c.c = (
      await post('/api/v1/objects/contacts', {
        firstName: 'A.',
        lastName: 'Lovelace',
        phone: '020 7946 0958',
      })
    ).id;
    c.d = (
      await post('/api/v1/objects/contacts', { firstName: 'Ada', lastName: 'Lovelac', companyId: acme })
    ).id;
    c.other = (
      await post('/api/v1/objects/contacts', {
        firstName: 'Grace',
        lastName: 'Hopper',
        email: 'grace@example.com',
      })
    ).id;
  });

  it('lists groups by email in any case, phone in any format and similar names at one company', async () => {
    const res = await t.admin.client.get('/api/v1/objects/contacts/duplicates');
    expect(res.statusCode, res.body).toBe(200);
    const groups = res.json().data as Rec[];
    const byRule = (rule: string) =>
      groups.filter((g) => g.rule === rule).map((g) => g.records.map((r: Rec) => r.id).sort());
    expect(byRule('email')).toContainEqual([c.a, c.b].sort());
    expect(byRule('phone')).toContainEqual([c.a, c.c].sort());
    expect(byRule('similarNameAtCompany')).toContainEqual([c.a, c.b, c.d].sort());
    expect(groups.flatMap((g) => g.records.map((r: Rec) => r.id))).not.toContain(c.other);
    const page = (await t.admin.client.get('/api/v1/objects/contacts/duplicates?limit=1')).json();
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).toBeTruthy();
    const next = (
      await t.admin.client.get(`/api/v1/objects/contacts/duplicates?limit=1&after=${page.nextCursor}`)
    ).json();
    expect(next.data[0].records.map((r: Rec) => r.id)).not.toEqual(
      page.data[0].records.map((r: Rec) => r.id),
    );
    expect((await t.admin.client.get('/api/v1/objects/contacts/duplicates?after=garbage')).statusCode).toBe(
      400,
    );
    expect((await t.admin.client.get('/api/v1/objects/deals/duplicates')).statusCode).toBe(422);
  });

  it('warns about a draft that looks like an existing contact', async () => {
    const res = await t.admin.client.post('/api/v1/objects/contacts/duplicates/check', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ADA@example.com',
      phone: '+44 (0)20 7946 0958',
      companyId: acme,
    });
    expect(res.statusCode, res.body).toBe(200);
    const hits = res.json().data as Rec[];
    expect(hits[0]!.reasons).toContain('email');
    expect(hits.map((h) => h.record.id)).toEqual(expect.arrayContaining([c.a, c.b, c.c]));
    const none = (
      await t.admin.client.post('/api/v1/objects/contacts/duplicates/check', {
        firstName: 'Zed',
        email: 'zed@example.org',
      })
    ).json();
    expect(none.data).toEqual([]);
    const companies = (
      await t.admin.client.post('/api/v1/objects/companies/duplicates/check', {
        name: 'ACME',
        domain: 'https://www.acme.example/',
      })
    ).json();
    expect(companies.data[0]).toMatchObject({ record: { id: acme }, reasons: ['domain', 'similarName'] });
  });

  it('merges contacts: the winner keeps its values, fills gaps, takes activities, deals and history; undo puts everything back', async () => {
    const call = await post('/api/v1/objects/activities', {
      type: 'call',
      subject: 'Intro call',
      relatedTo: [{ object: 'contacts', id: c.b }],
    });
    const deal = await post('/api/v1/objects/deals', { name: 'Engine', companyId: acme, contactIds: [c.b] });
    const res = await t.admin.client.post('/api/v1/objects/contacts/merge', {
      winnerId: c.a,
      loserIds: [c.b, c.c],
      fields: { firstName: c.c },
    });
    expect(res.statusCode, res.body).toBe(200);
    const merge = res.json();
    expect(merge.winner).toMatchObject({
      id: c.a,
      firstName: 'A.',
      title: 'Countess',
      department: 'Research',
      email: 'Ada@example.com',
    });
    expect(merge.winner.phones).toEqual(['020 7946 0958']);
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${c.b}`)).statusCode).toBe(404);
    const pointer = await t.store.query<{ winner_id: string }>(
      'SELECT winner_id FROM merged_records WHERE workspace_id = $1 AND loser_id = $2',
      [t.workspaceId, c.b],
    );
    expect(pointer.rows[0]?.winner_id).toBe(c.a);
    const callNow = (await t.admin.client.get(`/api/v1/objects/activities/${call.id}`)).json();
    expect(callNow.relatedTo).toContainEqual({ object: 'contacts', id: c.a });
    expect((await t.admin.client.get(`/api/v1/objects/deals/${deal.id}`)).json().contactIds).toEqual([c.a]);
    const audit = await t.store.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE workspace_id = $1 AND target_id = $2 AND action = 'record.merged'",
      [t.workspaceId, c.a],
    );
    expect(audit.rows).toHaveLength(1);

    const undo = await t.admin.client.post(`/api/v1/merges/${merge.mergeId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${c.b}`)).statusCode).toBe(200);
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${c.a}`)).json()).toMatchObject({
      firstName: 'Ada',
      department: null,
      phones: [],
    });
    expect(
      (await t.admin.client.get(`/api/v1/objects/activities/${call.id}`)).json().relatedTo,
    ).toContainEqual({ object: 'contacts', id: c.b });
    expect((await t.admin.client.get(`/api/v1/objects/deals/${deal.id}`)).json().contactIds).toEqual([c.b]);
    expect((await t.admin.client.post(`/api/v1/merges/${merge.mergeId}/undo`)).statusCode).toBe(409);
  });

  it('merges companies, moving contacts, deals and commitments', async () => {
    const dup = (await post('/api/v1/objects/companies', { name: 'ACME Inc', phone: '+1 415 555 0100' })).id;
    const person = (await post('/api/v1/objects/contacts', { lastName: 'Babbage', companyId: dup })).id;
    const commitment = await post('/api/v1/objects/commitments', {
      companyId: dup,
      description: 'Free training day',
      status: 'proposed',
    });
    const res = await t.admin.client.post('/api/v1/objects/companies/merge', {
      winnerId: acme,
      loserIds: [dup],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().winner).toMatchObject({ name: 'Acme', phone: '+1 415 555 0100' });
    expect((await t.admin.client.get(`/api/v1/objects/contacts/${person}`)).json().companyId).toBe(acme);
    expect((await t.admin.client.get(`/api/v1/objects/commitments/${commitment.id}`)).json().companyId).toBe(
      acme,
    );
  });

  it('moves custom relation fields to the winner and recomputes its rollups; undo moves them back', async () => {
    const label = (en: string) => ({ en, 'zh-CN': en });
    await post('/api/v1/schema/objects', {
      name: 'projects',
      label: label('Project'),
      pluralLabel: label('Projects'),
    });
    await post('/api/v1/schema/objects/projects/fields', {
      name: 'client',
      type: 'relation',
      label: label('Client'),
      relation: { object: 'contacts' },
    });
    await post('/api/v1/schema/objects/deals/fields', {
      name: 'sponsor',
      type: 'relation',
      label: label('Sponsor'),
      relation: { object: 'contacts' },
    });
    const keep = (await post('/api/v1/objects/contacts', { firstName: 'Charles', lastName: 'Babbage' })).id;
    const dup = (await post('/api/v1/objects/contacts', { firstName: 'Charles', lastName: 'Babbage' })).id;
    const project = (await post('/api/v1/objects/projects', { name: 'Difference Engine', client: dup })).id;
    const unrelated = (await post('/api/v1/objects/projects', { name: 'Loom', client: c.other })).id;
    const deal = (
      await post('/api/v1/objects/deals', {
        name: 'Analytical Engine',
        amount: { amount: '1200.00', currency: 'GBP' },
        sponsor: dup,
        contactIds: [dup],
      })
    ).id;
    await post('/api/v1/objects/activities', {
      type: 'call',
      subject: 'Follow-up',
      relatedTo: [{ object: 'contacts', id: dup }],
    });
    const get = async (object: string, id: string) =>
      (await t.admin.client.get(`/api/v1/objects/${object}/${id}`)).json();
    expect((await get('contacts', keep)).openDealCount).toBe(0);

    const res = await t.admin.client.post('/api/v1/objects/contacts/merge', {
      winnerId: keep,
      loserIds: [dup],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get('projects', project)).client).toBe(keep);
    expect((await get('deals', deal)).sponsor).toBe(keep);
    expect((await get('projects', unrelated)).client).toBe(c.other);
    const winner = await get('contacts', keep);
    expect(winner).toMatchObject({ openDealCount: 1, lastActivityType: 'call' });
    expect(winner.openDealValue).toEqual([{ amount: '1200.00', currency: 'GBP' }]);
    expect(res.json().winner).toMatchObject({ openDealCount: 1 });

    const undo = await t.admin.client.post(`/api/v1/merges/${res.json().mergeId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await get('projects', project)).client).toBe(dup);
    expect((await get('deals', deal)).sponsor).toBe(dup);
    expect((await get('contacts', keep)).openDealCount).toBe(0);
    expect((await get('contacts', keep)).lastActivityAt ?? null).toBeNull();
    expect((await get('contacts', dup)).openDealCount).toBe(1);
  });

  it('refuses bad merges with 4xx', async () => {
    const bad = async (body: unknown, status: number, object = 'contacts') =>
      expect((await t.admin.client.post(`/api/v1/objects/${object}/merge`, body)).statusCode).toBe(status);
    await bad({ winnerId: c.a, loserIds: [c.a] }, 400);
    await bad({ winnerId: c.a, loserIds: [] }, 400);
    await bad({ winnerId: c.a, loserIds: ['00000000-0000-7000-8000-000000000001'] }, 404);
    await bad({ winnerId: c.a, loserIds: [acme] }, 404);
    await bad({ winnerId: c.a, loserIds: [c.d], fields: { shoeSize: c.d } }, 400);
    await bad({ winnerId: c.a, loserIds: [c.d], fields: { firstName: c.other } }, 400);
    await bad({ winnerId: c.a, loserIds: [c.d] }, 422, 'deals');
    const rep = await t.createUser({ role: 'rep' });
    expect(
      (await rep.client.post('/api/v1/objects/contacts/merge', { winnerId: c.a, loserIds: [c.d] }))
        .statusCode,
    ).toBe(403);
  });
});
