// First start: RAPPORT_ADMIN_EMAIL/PASSWORD make the workspace and admin once; RAPPORT_DEMO=1 adds the
// records domain's demo data set when this build has one (modules/records/demoData.ts).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testConfig } from '../../test/harness';
import type { Store } from '../platform/db/open';
import { ensureFirstAdmin } from '../main';

const hasDemo = fs.existsSync(new URL('../modules/records/demoData.ts', import.meta.url));

describe('ensureFirstAdmin', () => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await openTestStore());
  });
  afterAll(async () => drop?.());

  it('does nothing without the admin variables, and says RAPPORT_DEMO needs them', async () => {
    const said: string[] = [];
    await ensureFirstAdmin(store, testConfig({ RAPPORT_DEMO: '1' }), (m) => said.push(m));
    expect(await store.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
    expect(said.join('\n')).toMatch(/RAPPORT_DEMO=1 needs RAPPORT_ADMIN_EMAIL/);
  });

  it('creates the workspace and admin once, with the demo data when there is a set', async () => {
    const config = testConfig({
      RAPPORT_ADMIN_EMAIL: 'First@Example.test',
      RAPPORT_ADMIN_PASSWORD: 'correct horse battery staple',
      RAPPORT_DEMO: '1',
    });
    const said: string[] = [];
    await ensureFirstAdmin(store, config, (m) => said.push(m));
    expect(said).toContain('Created the workspace and the admin First@Example.test');
    if (hasDemo) expect(said).toContain('Loaded the demo data');
    else expect(said.join('\n')).toContain('this build has no demo data set');
    const users = await store.db.selectFrom('users').select(['email', 'workspace_id']).execute();
    expect(users.filter((u) => u.email === 'first@example.test')).toHaveLength(1);

    await ensureFirstAdmin(store, config, (m) => said.push(m));
    expect(await store.db.selectFrom('workspaces').select('id').execute()).toHaveLength(1);
    expect(said.filter((m) => m.startsWith('Created the workspace'))).toHaveLength(1);
  });
});
