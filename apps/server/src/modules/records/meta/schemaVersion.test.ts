// The workspace's data-model version (migration 0092) moves on every change that loadObject's kept
// metadata depends on, whoever makes it — here plain SQL, as another process or a restore would —
// and on nothing else, so kept metadata is never used after such a change.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const version = async (workspaceId = t.workspaceId) =>
  (
    await sql<{
      v: string;
    }>`SELECT schema_version::text AS v FROM workspaces WHERE id = ${workspaceId}`.execute(t.store.db)
  ).rows[0]!.v;

/** Runs the change and says whether the version moved. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await version();
  await change();
  return (await version()) !== before;
}

describe('schema version', () => {
  it('moves when a field or an object is added, changed or retired, and when currency or time zone change', async () => {
    const c = t.admin.client;
    expect(
      await moves(async () => {
        const res = await c.post('/api/v1/schema/objects/contacts/fields', {
          name: 'tier',
          type: 'text',
          label: { en: 'Tier', 'zh-CN': '等级' },
        });
        expect(res.statusCode, res.body).toBe(201);
      }),
    ).toBe(true);
    expect(
      await moves(() =>
        sql`UPDATE field_definitions SET labels = '{"en":"Level","zh-CN":"级别"}'
            WHERE workspace_id = ${t.workspaceId} AND name = 'tier'`.execute(t.store.db),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        sql`UPDATE field_definitions SET retired_at = now()
            WHERE workspace_id = ${t.workspaceId} AND name = 'tier'`.execute(t.store.db),
      ),
    ).toBe(true);
    expect(
      await moves(async () => {
        const res = await c.post('/api/v1/schema/objects', {
          name: 'contracts',
          label: { en: 'Contract', 'zh-CN': '合同' },
          pluralLabel: { en: 'Contracts', 'zh-CN': '合同' },
        });
        expect(res.statusCode, res.body).toBe(201);
      }),
    ).toBe(true);
    expect(
      await moves(() =>
        sql`DELETE FROM field_definitions WHERE workspace_id = ${t.workspaceId} AND name = 'tier'`.execute(
          t.store.db,
        ),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        sql`UPDATE workspaces SET currency = 'EUR' WHERE id = ${t.workspaceId}`.execute(t.store.db),
      ),
    ).toBe(true);
    expect(
      await moves(() =>
        sql`UPDATE workspaces SET time_zone = 'Asia/Tokyo' WHERE id = ${t.workspaceId}`.execute(t.store.db),
      ),
    ).toBe(true);
  });

  it('stays when nothing the metadata holds changes', async () => {
    expect(
      await moves(() =>
        sql`UPDATE workspaces SET name = 'Another name' WHERE id = ${t.workspaceId}`.execute(t.store.db),
      ),
    ).toBe(false);
    expect(
      await moves(async () => {
        const res = await t.admin.client.post('/api/v1/objects/contacts', { lastName: 'Unchanged' });
        expect(res.statusCode, res.body).toBe(201);
      }),
    ).toBe(false);
  });
});
