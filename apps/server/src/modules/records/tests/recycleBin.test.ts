// The recycle bin: deleted records listed for those who may restore them, restored, purged now,
// or purged by purgeDeletedRecords once the workspace's retention period has passed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/harness';
import { purgeDeletedRecords } from '../recycleBin/purgeDeletedRecords';
import { activity, company, contact, deal } from './factories';

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

const bin = async (u: TestUser, q = '') => {
  const res = await u.client.get(`/api/v1/recycle-bin${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const exists = async (table: string, id: string) =>
  (
    await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE workspace_id = ${t.workspaceId} AND id = ${id}`.execute(
      t.store.db,
    )
  ).rows[0]!.n === 1;

describe('recycle bin', () => {
  it('lists what the caller deleted and may restore, newest first, across objects', async () => {
    const d = await deal(rep.client, { name: 'Rep deal to bin' });
    const c = await contact(rep.client, { lastName: 'Binned' });
    await rep.client.delete(`/api/v1/objects/deals/${d.id}`);
    await rep.client.delete(`/api/v1/objects/contacts/${c.id}`);
    const theirs = await deal(other.client, { name: 'Other deal' });
    await other.client.delete(`/api/v1/objects/deals/${theirs.id}`);
    const mine = await bin(rep);
    expect(mine.data.map((i: { id: string }) => i.id)).toEqual([c.id, d.id]);
    expect(mine.data[1]).toMatchObject({
      object: 'deals',
      title: 'Rep deal to bin',
      deletedBy: { id: rep.id },
    });
    expect(mine.retentionDays).toBe(90);
    expect(Date.parse(mine.data[0].purgeAfter) - Date.parse(mine.data[0].deletedAt)).toBe(90 * 86_400_000);
    const admin = await bin(t.admin);
    expect(admin.data.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([c.id, d.id, theirs.id]),
    );
    expect((await bin(rep, '?object=deals')).data.map((i: { id: string }) => i.id)).toEqual([d.id]);
    const page1 = await bin(t.admin, '?limit=1');
    const page2 = await bin(t.admin, `?limit=1&after=${page1.nextCursor}`);
    expect(page2.data[0].id).not.toBe(page1.data[0].id);
    expect((await rep.client.get('/api/v1/recycle-bin?object=planets')).statusCode).toBe(400);

    const restored = await rep.client.post(`/api/v1/recycle-bin/deals/${d.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await bin(rep)).data.map((i: { id: string }) => i.id)).toEqual([c.id]);
    expect((await rep.client.post(`/api/v1/recycle-bin/deals/${theirs.id}/restore`)).statusCode).toBe(404);
  });

  it('purges one record now, with its history, links and tags', async () => {
    const co = await company(t.admin.client, { name: 'Purge me' });
    const note = await activity(t.admin.client, {
      type: 'note',
      relatedTo: [{ object: 'companies', id: co.id }],
    });
    const tag = (await t.admin.client.post('/api/v1/objects/tags', { name: 'Purgeable' })).json();
    await t.admin.client.patch(`/api/v1/objects/companies/${co.id}`, { tagIds: [tag.id] });
    expect((await t.admin.client.delete(`/api/v1/recycle-bin/companies/${co.id}`)).statusCode).toBe(404);
    await t.admin.client.delete(`/api/v1/objects/companies/${co.id}`);
    expect((await t.admin.client.delete(`/api/v1/recycle-bin/companies/${co.id}`)).statusCode).toBe(204);
    expect(await exists('companies', co.id)).toBe(false);
    const leftovers = await sql<{ n: number }>`SELECT
        (SELECT count(*) FROM record_history WHERE workspace_id = ${t.workspaceId} AND record_id = ${co.id})
      + (SELECT count(*) FROM activity_links WHERE workspace_id = ${t.workspaceId} AND record_id = ${co.id})
      + (SELECT count(*) FROM taggings WHERE workspace_id = ${t.workspaceId} AND record_id = ${co.id}) AS n`.execute(
      t.store.db,
    );
    expect(Number(leftovers.rows[0]!.n)).toBe(0);
    expect(await exists('activities', note.id)).toBe(true);
    const ev = await sql<{
      type: string;
    }>`SELECT type FROM outbox_events WHERE workspace_id = ${t.workspaceId} AND record_id = ${co.id}
      ORDER BY seq DESC LIMIT 1`.execute(t.store.db);
    expect(ev.rows[0]!.type).toBe('record.purged');
  });

  it('purges after the retention period the admin set, and not before', async () => {
    await sql`UPDATE workspaces SET settings = settings || '{"recycleBinRetentionDays": 10}'::jsonb WHERE id = ${t.workspaceId}`.execute(
      t.store.db,
    );
    const co = await company(t.admin.client, { name: 'Parent to purge' });
    const person = await contact(t.admin.client, { lastName: 'Survivor', companyId: co.id });
    await t.admin.client.delete(`/api/v1/objects/companies/${co.id}`);
    const now = Date.now();
    expect((await purgeDeletedRecords(t.store.db, new Date(now + 9 * 86_400_000))).purged).toBe(0);
    expect(await exists('companies', co.id)).toBe(true);
    const r = await purgeDeletedRecords(t.store.db, new Date(now + 11 * 86_400_000));
    expect(r.purged).toBeGreaterThanOrEqual(1);
    expect(await exists('companies', co.id)).toBe(false);
    // The contact stays, no longer pointing at the purged company.
    const p = (await t.admin.client.get(`/api/v1/objects/contacts/${person.id}`)).json();
    expect(p.companyId).toBeNull();
    // Running it again finds nothing more: the job is idempotent.
    expect((await purgeDeletedRecords(t.store.db, new Date(now + 11 * 86_400_000))).purged).toBe(0);
  });
});
