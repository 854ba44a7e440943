// The 360° timeline: a company's page merges its own changes with its contacts' and deals'
// activities, changes and stage moves, newest first, in keyset pages; rollups stay current.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { activity, company, contact, deal, fieldsOf } from './factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const at = (daysAgo: number) => DateTime.now().minus({ days: daysAgo }).toUTC().toISO()!;

describe('timeline', () => {
  it("shows a company's own, its contacts' and its deals' activities and changes, newest first", async () => {
    const c = t.admin.client;
    const co = await company(c, { name: 'Huawei' });
    const person = await contact(c, { firstName: 'Li', lastName: 'Na', companyId: co.id });
    const d = await deal(c, { name: 'Network refresh', companyId: co.id });
    const onContact = await activity(c, {
      subject: 'Intro call',
      doneAt: at(3),
      relatedTo: [{ object: 'contacts', id: person.id }],
    });
    const onDeal = await activity(c, {
      type: 'meeting',
      subject: 'Demo',
      doneAt: at(2),
      relatedTo: [{ object: 'deals', id: d.id }],
    });
    const onCompany = await activity(c, {
      type: 'note',
      subject: 'Org chart',
      doneAt: at(1),
      relatedTo: [{ object: 'companies', id: co.id }],
    });
    const both = await activity(c, {
      subject: 'Call with both',
      doneAt: at(0.5),
      relatedTo: [
        { object: 'contacts', id: person.id },
        { object: 'companies', id: co.id },
      ],
    });
    await c.patch(`/api/v1/objects/contacts/${person.id}`, { title: 'CTO' });

    const res = await c.get(`/api/v1/objects/companies/${co.id}/timeline?limit=100`);
    expect(res.statusCode).toBe(200);
    const items = res.json().data;
    const acts = items
      .filter((i: { kind: string }) => i.kind === 'activity')
      .map((i: { id: string }) => i.id);
    expect(acts).toEqual([both.id, onCompany.id, onDeal.id, onContact.id]);
    const viaContact = items.find((i: { id: string }) => i.id === onContact.id);
    expect(viaContact.via).toMatchObject({ object: 'contacts', id: person.id, name: 'Li Na' });
    const title = items.find((i: { field?: string }) => i.field === 'title');
    expect(title).toMatchObject({
      kind: 'change',
      object: 'contacts',
      recordId: person.id,
      recordName: 'Li Na',
      old: null,
      new: 'CTO',
    });
    expect(
      items.some((i: { kind: string; recordId: string }) => i.kind === 'stage' && i.recordId === d.id),
    ).toBe(true);
    const times = items.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);

    // The contact's own timeline has its activities, not the company note.
    const mine = (await c.get(`/api/v1/objects/contacts/${person.id}/timeline`)).json().data;
    const mineActs = mine
      .filter((i: { kind: string }) => i.kind === 'activity')
      .map((i: { id: string }) => i.id);
    expect(mineActs).toEqual([both.id, onContact.id]);

    // Rollups on the records the activities touch.
    const company1 = (await c.get(`/api/v1/objects/companies/${co.id}`)).json();
    expect(company1.lastActivityAt).toBe(both.doneAt);
    expect(company1.lastActivityType).toBe('call');
    const deal1 = (await c.get(`/api/v1/objects/deals/${d.id}`)).json();
    expect(deal1).toMatchObject({ lastActivityType: 'meeting', lastActivityAt: onDeal.doneAt });
  });

  it('pages newest first with a cursor, and filters by kind', async () => {
    const c = t.admin.client;
    const co = await company(c, { name: 'Pager Co' });
    const made: string[] = [];
    for (let i = 0; i < 12; i++)
      made.push(
        (
          await activity(c, {
            type: 'note',
            subject: `n${i}`,
            doneAt: at(20 - i),
            relatedTo: [{ object: 'companies', id: co.id }],
          })
        ).id,
      );
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await c.get(
        `/api/v1/objects/companies/${co.id}/timeline?kinds=activity&limit=5${after ? `&after=${after}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().data.map((x: { id: string }) => x.id));
      after = res.json().nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual([...made].reverse());
    const all = (await c.get(`/api/v1/objects/companies/${co.id}/timeline?limit=200`)).json().data;
    expect(all.length).toBe(13);
    // The company was created now, after the back-dated notes: its creation is the newest item.
    expect(all[0]).toMatchObject({ kind: 'change', action: 'created', object: 'companies' });
    const bad = await c.get(`/api/v1/objects/companies/${co.id}/timeline?kinds=gossip`);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['kinds']);
    expect((await c.get(`/api/v1/objects/companies/${co.id}/timeline?after=xyz`)).statusCode).toBe(400);
  });

  it('keeps rollups current: last activity, next open task, open deal value', async () => {
    const c = t.admin.client;
    const co = await company(c, { name: 'Rollup Co' });
    const person = await contact(c, { lastName: 'Roll', companyId: co.id });
    const rel = [{ object: 'contacts', id: person.id }];
    const soon = await activity(c, {
      type: 'task',
      subject: 'Soon',
      dueAt: DateTime.now().plus({ days: 1 }).toISO(),
      relatedTo: rel,
    });
    await activity(c, {
      type: 'task',
      subject: 'Later',
      dueAt: DateTime.now().plus({ days: 5 }).toISO(),
      relatedTo: rel,
    });
    let p = (await c.get(`/api/v1/objects/contacts/${person.id}`)).json();
    expect(p).toMatchObject({
      nextTaskId: soon.id,
      lastActivityAt: null,
      related: { nextTaskId: { name: 'Soon' } },
    });
    await c.patch(`/api/v1/objects/activities/${soon.id}`, { doneAt: DateTime.now().toISO() });
    p = (await c.get(`/api/v1/objects/contacts/${person.id}`)).json();
    expect(p.lastActivityType).toBe('task');
    expect(p.related.nextTaskId.name).toBe('Later');
    await c.delete(`/api/v1/objects/activities/${soon.id}`);
    expect((await c.get(`/api/v1/objects/contacts/${person.id}`)).json().lastActivityAt).toBeNull();

    const d1 = await deal(c, {
      name: 'D1',
      companyId: co.id,
      contactIds: [person.id],
      amount: { amount: '100.10', currency: 'CNY' },
    });
    await deal(c, { name: 'D2', companyId: co.id, amount: { amount: '50', currency: 'USD' } });
    await deal(c, { name: 'D3', companyId: co.id, amount: { amount: '0.90', currency: 'CNY' } });
    let company1 = (await c.get(`/api/v1/objects/companies/${co.id}`)).json();
    expect(company1.openDealValue).toEqual([
      { amount: '101.00', currency: 'CNY' },
      { amount: '50.00', currency: 'USD' },
    ]);
    expect(company1.openDealCount).toBe(3);
    expect((await c.get(`/api/v1/objects/contacts/${person.id}`)).json().openDealValue).toEqual([
      { amount: '100.10', currency: 'CNY' },
    ]);
    const [pipe] = (await c.get('/api/v1/pipelines')).json().data;
    await c.patch(`/api/v1/objects/deals/${d1.id}`, {
      stageId: pipe.stages.find((s: { kind: string }) => s.kind === 'won').id,
    });
    company1 = (await c.get(`/api/v1/objects/companies/${co.id}`)).json();
    expect(company1.openDealValue).toEqual([
      { amount: '0.90', currency: 'CNY' },
      { amount: '50.00', currency: 'USD' },
    ]);
    expect(company1.openDealCount).toBe(2);
  });

  it('moves a contact’s activities to its new company’s timeline', async () => {
    const c = t.admin.client;
    const from = await company(c, { name: 'Old employer' });
    const to = await company(c, { name: 'New employer' });
    const person = await contact(c, { lastName: 'Mover', companyId: from.id });
    const call = await activity(c, { relatedTo: [{ object: 'contacts', id: person.id }] });
    const has = async (co: string) =>
      (await c.get(`/api/v1/objects/companies/${co}/timeline?kinds=activity`))
        .json()
        .data.some((i: { id: string }) => i.id === call.id);
    expect(await has(from.id)).toBe(true);
    await c.patch(`/api/v1/objects/contacts/${person.id}`, { companyId: to.id });
    expect(await has(from.id)).toBe(false);
    expect(await has(to.id)).toBe(true);
    expect((await c.get(`/api/v1/objects/companies/${to.id}`)).json().lastActivityAt).toBe(call.doneAt);
    expect((await c.get(`/api/v1/objects/companies/${from.id}`)).json().lastActivityAt).toBeNull();
  });
});
