import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshActivityRollups } from '../../apps/server/src/modules/activities/activityRollups';
import { refreshDealRollups } from '../../apps/server/src/modules/deals/dealRollups';
import { searchKeyOf } from '../../apps/server/src/modules/records/write/searchKey';
import { createWorkspace } from '../../apps/server/src/modules/workspaces/createWorkspace';
import type { Ctx } from '../../apps/server/src/platform/context';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrate';
import { openStore, type Store } from '../../apps/server/src/platform/db/open';
import { copyLine, Json } from './copyText';
import { loadedObject } from './customFields';
import { type Dataset, generateDataset } from './generate';
import { pgliteLoader } from './loader';
import { planFor } from './plan';
import { contactKeys } from './records';

let dir: string;
let store: Store;
let d: Dataset;
const plan = {
  ...planFor('small'),
  contacts: 300,
  companies: 60,
  deals: 150,
  bigCompanyContacts: 75,
  busyOwnerRecords: 50,
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
  store = await openStore({ dataDir: dir, noLock: true });
  await migrateToLatest(store);
  await createWorkspace(store.db, {
    name: 'Bench',
    admin: { email: 'bench-test@bench.test', name: 'Admin', password: 'a long enough password' },
  });
  const loader = pgliteLoader(store.pglite!);
  d = await generateDataset(loader, plan, () => {});
  await loader.close();
});
afterAll(async () => {
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const rows = async <R>(q: string, params: unknown[] = []) => (await store.query<R>(q, params)).rows;

describe('the generated data set', () => {
  it('has the brief’s proportions and its deliberate skew', async () => {
    const count = async (t: string) =>
      (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n;
    expect(await count('contacts')).toBe(300);
    expect(await count('companies')).toBe(60);
    expect(await count('deals')).toBe(150);
    expect(await count('activities')).toBe(1500);
    expect(await count('users')).toBe(201);
    const big = await rows<{ n: number }>('SELECT count(*)::int AS n FROM contacts WHERE company_id = $1', [
      d.samples.bigCompanyId,
    ]);
    expect(big[0]!.n).toBe(d.counts.bigCompanyContacts);
    expect(d.counts.bigCompanyContacts).toBeGreaterThan(40);
    const busy = await rows<{ n: number }>(
      `SELECT (SELECT count(*) FROM contacts WHERE owner_id = $1) + (SELECT count(*) FROM companies WHERE owner_id = $1)
         + (SELECT count(*) FROM deals WHERE owner_id = $1) AS n`,
      [d.busyOwnerId],
    );
    expect(Number(busy[0]!.n)).toBe(d.counts.busyOwnerRecords);
    const langs = await rows<{ han: number }>(
      `SELECT count(*) FILTER (WHERE name ~ '[一-龥]')::int AS han FROM contacts`,
    );
    expect(langs[0]!.han).toBeGreaterThan(100);
    expect(langs[0]!.han).toBeLessThan(250);
  });

  it('stores the search keys the app computes for the same values', async () => {
    const ctx = { workspaceId: d.workspaceId } as unknown as Ctx;
    const contacts = await rows<Record<string, unknown>>(
      `SELECT first_name, last_name, email, phone, phones, title, city, custom, search_text, name, email_keys, phone_keys
       FROM contacts ORDER BY id LIMIT 60`,
    );
    const meta = loadedObject('contacts', d.currency);
    for (const c of contacts) {
      const custom = c.custom as Record<string, unknown>;
      const keys = await contactKeys(meta, ctx, {
        firstName: c.first_name,
        lastName: c.last_name,
        email: c.email,
        phone: c.phone,
        emails: [],
        phones: c.phones,
        title: c.title,
        city: c.city,
        ...custom,
      });
      expect(c.search_text).toBe(keys.searchText);
      expect(c.name).toBe(keys.state.next.name);
      expect(c.phone_keys).toEqual(keys.keys.phone_keys);
    }
    const companies = await rows<Record<string, unknown>>(
      'SELECT name, domain, phone, city, custom, search_text FROM companies LIMIT 20',
    );
    const cmeta = loadedObject('companies', d.currency);
    for (const c of companies)
      expect(c.search_text).toBe(
        searchKeyOf(cmeta, {
          name: c.name,
          domain: c.domain,
          phone: c.phone,
          city: c.city,
          ...(c.custom as object),
        }),
      );
  });

  it('keeps the rollups the app would compute from the activities and deals', async () => {
    const snapshot = () =>
      rows<Record<string, unknown>>(
        `SELECT 'c' || id AS k, last_activity_at, last_activity_type, next_task_at, next_task_id, open_deal_value, open_deal_count FROM contacts
         UNION ALL SELECT 'o' || id, last_activity_at, last_activity_type, next_task_at, next_task_id, open_deal_value, open_deal_count FROM companies
         ORDER BY 1`,
      );
    const before = await snapshot();
    const contacts = (await rows<{ id: string }>('SELECT id FROM contacts')).map((r) => r.id);
    const companies = (await rows<{ id: string }>('SELECT id FROM companies')).map((r) => r.id);
    // The app's own rollup code, recomputing every record from the generated rows.
    await refreshActivityRollups(store.db, d.workspaceId, [
      ...contacts.map((id) => ({ object: 'contacts', id })),
      ...companies.map((id) => ({ object: 'companies', id })),
    ]);
    await refreshDealRollups(store.db, d.workspaceId, companies, contacts);
    const after = await snapshot();
    expect(after.length).toBe(before.length);
    expect(after).toEqual(before);
    const open = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM companies WHERE open_deal_count > 0`.execute(store.db);
    expect(open.rows[0]!.n).toBeGreaterThan(0);
  });

  it('keeps one open stay per deal in the stage history, in the deal’s current stage', async () => {
    const bad = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM deals d WHERE NOT EXISTS (
         SELECT 1 FROM deal_stage_history h WHERE h.deal_id = d.id AND h.left_at IS NULL AND h.stage_id = d.stage_id)`,
    );
    expect(bad[0]!.n).toBe(0);
  });
});

describe('COPY text encoding', () => {
  it('escapes tabs, newlines and backslashes, writes NULL, arrays and JSON', () => {
    expect(copyLine(['a\tb', 'x\ny\\z', null, ['q"1', 'a,b'], new Json([{ k: 'v' }]), true, 3])).toBe(
      'a\\tb\tx\\ny\\\\z\t\\N\t{"q\\\\"1","a,b"}\t[{"k":"v"}]\tt\t3\n',
    );
  });
});
