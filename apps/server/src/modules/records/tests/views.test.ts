// Saved views: the built-in ones every CRM ships with (relative to the caller and today), personal
// and shared views, validation by compiling, and running a view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { activity, contact, deal, fieldsOf } from './factories';

let t: TestApp;
let rep: TestUser;
let other: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.createUser({ role: 'rep' });
  other = await t.createUser({ role: 'rep' });
});
afterAll(async () => {
  await t?.close();
});

const viewsOf = async (u: TestUser, object?: string) =>
  (await u.client.get(`/api/v1/views${object ? `?object=${object}` : ''}`)).json().data as any[];
const run = async (u: TestUser, id: string) => {
  const res = await u.client.get(`/api/v1/views/${id}/records?limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data.map((r: { id: string }) => r.id);
};

describe('built-in views', () => {
  it('ships the four default views, shared and labelled in both languages', async () => {
    const all = await viewsOf(rep);
    const keys = all.filter((v) => v.builtIn).map((v) => v.key);
    expect(keys.sort()).toEqual([
      'contactsNotContacted30Days',
      'dealsClosingThisMonth',
      'myOpenDeals',
      'myTasksDueToday',
    ]);
    const mine = all.find((v) => v.key === 'myOpenDeals');
    expect(mine).toMatchObject({
      shared: true,
      label: { en: 'My open deals', 'zh-CN': '我的进行中商机' },
      object: 'deals',
    });
  });

  it('"My open deals" and "Deals closing this month" follow the caller and the calendar', async () => {
    const today = DateTime.now().setZone('UTC').toISODate()!;
    const nextYear = DateTime.now().plus({ years: 1 }).toISODate()!;
    const mineNow = await deal(rep.client, { name: 'Mine this month', closeDate: today });
    const mineLater = await deal(rep.client, { name: 'Mine later', closeDate: nextYear });
    const theirs = await deal(other.client, { name: 'Theirs', closeDate: today });
    const views = await viewsOf(rep, 'deals');
    const myOpen = await run(rep, views.find((v) => v.key === 'myOpenDeals').id);
    expect(myOpen).toEqual([mineNow.id, mineLater.id]);
    const closing = await run(t.admin, views.find((v) => v.key === 'dealsClosingThisMonth').id);
    expect(closing).toEqual(expect.arrayContaining([mineNow.id, theirs.id]));
    expect(closing).not.toContain(mineLater.id);
  });

  it('"Contacts not contacted in 30 days" and "My tasks due today" use the activity rollups', async () => {
    const quiet = await contact(rep.client, { lastName: 'Quiet' });
    const busy = await contact(rep.client, { lastName: 'Busy' });
    await activity(rep.client, { relatedTo: [{ object: 'contacts', id: busy.id }] });
    const old = await contact(rep.client, { lastName: 'Long ago' });
    await activity(rep.client, {
      doneAt: DateTime.now().minus({ days: 45 }).toISO(),
      relatedTo: [{ object: 'contacts', id: old.id }],
    });
    const v = (await viewsOf(rep, 'contacts')).find((x) => x.key === 'contactsNotContacted30Days');
    const ids = await run(rep, v.id);
    expect(ids).toEqual(expect.arrayContaining([quiet.id, old.id]));
    expect(ids).not.toContain(busy.id);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(quiet.id));

    const dueToday = await activity(rep.client, {
      type: 'task',
      subject: 'Today',
      dueAt: DateTime.now().toISO(),
    });
    const overdue = await activity(rep.client, {
      type: 'task',
      subject: 'Overdue',
      dueAt: DateTime.now().minus({ days: 2 }).toISO(),
    });
    await activity(rep.client, {
      type: 'task',
      subject: 'Next week',
      dueAt: DateTime.now().plus({ days: 7 }).toISO(),
    });
    await activity(other.client, { type: 'task', subject: 'Not mine', dueAt: DateTime.now().toISO() });
    const done = await activity(rep.client, { type: 'task', subject: 'Done', dueAt: DateTime.now().toISO() });
    await rep.client.patch(`/api/v1/objects/activities/${done.id}`, { doneAt: DateTime.now().toISO() });
    const tasks = (await viewsOf(rep, 'activities')).find((x) => x.key === 'myTasksDueToday');
    expect(await run(rep, tasks.id)).toEqual([overdue.id, dueToday.id]);
  });
});

describe('saved views', () => {
  it('saves a personal view that only its owner sees and runs', async () => {
    const res = await rep.client.post('/api/v1/views', {
      object: 'contacts',
      name: 'Quiet ones',
      filters: [{ field: 'lastName', op: 'startsWith', value: 'Qui' }],
      sort: [{ field: 'name', direction: 'asc' }],
      columns: ['name', 'email'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ shared: false, ownerId: rep.id, builtIn: false });
    expect((await run(rep, v.id)).length).toBe(1);
    expect((await other.client.get(`/api/v1/views/${v.id}`)).statusCode).toBe(404);
    expect((await other.client.patch(`/api/v1/views/${v.id}`, { name: 'mine' })).statusCode).toBe(404);
    const upd = await rep.client.patch(`/api/v1/views/${v.id}`, { name: 'Quiet people' });
    expect(upd.json().name).toBe('Quiet people');
    expect((await rep.client.delete(`/api/v1/views/${v.id}`)).statusCode).toBe(204);
  });

  it('lets only admins share views and edit built-in ones, and never delete those', async () => {
    const share = await rep.client.post('/api/v1/views', { object: 'deals', name: 'Everyone', shared: true });
    expect(share.statusCode).toBe(403);
    const shared = await t.admin.client.post('/api/v1/views', {
      object: 'deals',
      name: 'Team deals',
      shared: true,
    });
    expect(shared.statusCode).toBe(201);
    expect((await viewsOf(other, 'deals')).map((v) => v.id)).toContain(shared.json().id);
    expect((await rep.client.patch(`/api/v1/views/${shared.json().id}`, { name: 'x' })).statusCode).toBe(403);
    const builtIn = (await viewsOf(rep, 'deals')).find((v) => v.key === 'myOpenDeals');
    expect((await rep.client.patch(`/api/v1/views/${builtIn.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.admin.client.delete(`/api/v1/views/${builtIn.id}`)).statusCode).toBe(422);
  });

  it('refuses views whose filters, sort or columns do not fit the object', async () => {
    const post = (b: Record<string, unknown>) =>
      rep.client.post('/api/v1/views', { object: 'contacts', name: 'Bad', ...b });
    expect(fieldsOf(await post({ filters: [{ field: 'nope', op: 'eq', value: 1 }] }))).toEqual(['nope']);
    expect(fieldsOf(await post({ sort: [{ field: 'socialProfiles', direction: 'asc' }] }))).toEqual([
      'sort.0.field',
    ]);
    expect(fieldsOf(await post({ columns: ['name', 'ghost'] }))).toEqual(['columns.1']);
    expect(fieldsOf(await post({ filters: [{ field: 'ownerId', op: 'eq', value: '@someone' }] }))).toEqual([
      'ownerId',
    ]);
    expect(fieldsOf(await rep.client.post('/api/v1/views', { object: 'planets', name: 'x' }))).toEqual([
      'object',
    ]);
  });
});
