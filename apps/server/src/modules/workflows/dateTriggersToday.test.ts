// date.reached for a record whose day comes up after the day's scan: a contract entered (or moved)
// at 10:00 to end exactly 30 days from today still gets its renewal reminder today, once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness';
import { clock } from '../../platform/clock';
import { LONG_SESSIONS, type TestEngine, testEngine } from '../../platform/dispatch/testEngine';
import { shiftDate, todayIn } from './durations';

let t: TestApp;
let engine: TestEngine;

beforeAll(async () => {
  t = await createTestApp({ env: LONG_SESSIONS });
  engine = testEngine(t.store, testConfig(LONG_SESSIONS));
  const obj = await t.admin.client.post('/api/v1/schema/objects', {
    name: 'contracts',
    label: { en: 'Contract', 'zh-CN': '合同' },
    pluralLabel: { en: 'Contracts', 'zh-CN': '合同' },
  });
  expect(obj.statusCode, obj.body).toBe(201);
  const f = await t.admin.client.post('/api/v1/schema/objects/contracts/fields', {
    name: 'endDate',
    type: 'date',
    label: { en: 'End date', 'zh-CN': '到期日' },
  });
  expect(f.statusCode, f.body).toBe(201);
});
afterAll(async () => {
  clock.reset();
  await t?.close();
});

async function tasksFor(id: string) {
  const res = await t.admin.client.post('/api/v1/objects/activities/search', {
    filters: [{ field: 'type', op: 'eq', value: 'task' }],
    limit: 200,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as { subject: string; relatedTo?: { id: string }[] }[]).filter((a) =>
    (a.relatedTo ?? []).some((r) => r.id === id),
  );
}

it('a contract whose reminder day is today, entered after the day was scanned, is reminded once', async () => {
  const wf = await t.admin.client.post('/api/v1/workflows', {
    name: 'Renewal',
    trigger: { event: 'date.reached', object: 'contracts', field: 'endDate', offset: '-P30D' },
    actions: [{ type: 'createTask', subject: 'Renew {{record.name}}', dueIn: 'P7D', assignTo: 'owner' }],
  });
  expect(wf.statusCode, wf.body).toBe(201);
  await engine.drain(); // today is scanned, with no contract yet

  const zone = (await t.admin.client.get('/api/v1/workspace')).json().timeZone as string;
  const today = todayIn(clock.now(), zone);
  const entered = (
    await t.admin.client.post('/api/v1/objects/contracts', {
      name: 'Entered',
      endDate: shiftDate(today, 'P30D'),
    })
  ).json();
  const moved = (
    await t.admin.client.post('/api/v1/objects/contracts', {
      name: 'Moved',
      endDate: shiftDate(today, 'P60D'),
    })
  ).json();
  await engine.drain();
  expect(await tasksFor(entered.id)).toHaveLength(1);
  expect(await tasksFor(moved.id)).toHaveLength(0);

  const patched = await t.admin.client.patch(`/api/v1/objects/contracts/${moved.id}`, {
    endDate: shiftDate(today, 'P30D'),
  });
  expect(patched.statusCode, patched.body).toBe(200);
  await engine.drain();
  await engine.drain();
  expect(await tasksFor(moved.id)).toHaveLength(1);
  expect(await tasksFor(entered.id)).toHaveLength(1);

  // The next days do not repeat it.
  await engine.advance('1d');
  await engine.advance('1d');
  expect(await tasksFor(entered.id)).toHaveLength(1);
  expect(await tasksFor(moved.id)).toHaveLength(1);
});
