// The list floors are only a floor if they give the API's answer: the same records in the same
// order, with the names and tags the API shows beside them. A floor that forgets a name is cheaper
// than the work it stands for and flatters the ratio (the deals floor once named a contacts
// page's tags and none of its stages). Nothing here is timed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../apps/server/src/app';
import { createWorkspace } from '../../apps/server/src/modules/workspaces/createWorkspace';
import { loadConfig } from '../../apps/server/src/platform/config';
import { migrateToLatest } from '../../apps/server/src/platform/db/migrate';
import { openStore, type Store } from '../../apps/server/src/platform/db/open';
import { type Dataset, generateDataset } from '../dataset/generate';
import { type Loader, pgliteLoader } from '../dataset/loader';
import { planFor } from '../dataset/plan';
import { readShapes, type ShapeContext } from './readShapes';

let dir: string;
let store: Store;
let loader: Loader;
let app: FastifyInstance;
let d: Dataset;
let c: ShapeContext;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-floors-'));
  store = await openStore({ dataDir: path.join(dir, 'data'), noLock: true });
  await migrateToLatest(store);
  await createWorkspace(store.db, {
    name: 'Bench',
    admin: { email: 'bench-floors@bench.test', name: 'Admin', password: 'a long enough password' },
  });
  loader = pgliteLoader(store.pglite!);
  // Enough rows that every list fills a page and the city list has a second one.
  d = await generateDataset(
    loader,
    {
      ...planFor('small'),
      contacts: 1200,
      companies: 240,
      deals: 600,
      bigCompanyContacts: 120,
      busyOwnerRecords: 120,
    },
    () => {},
  );
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'app') });
  app = await buildApp({ config, store, logger: false });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  c = {
    admin: { baseUrl, token: d.tokens.admin },
    busyRep: { baseUrl, token: d.tokens.busyRep },
    dataset: d,
  };
});
afterAll(async () => {
  await app?.close();
  await loader?.close();
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Named = { id: string; name: string };
type ApiRecord = Record<string, unknown> & {
  id: string;
  related: Record<string, Named | Named[] | undefined>;
  tags?: Named[];
};

/** The names and tags of one record as the API shows them, keyed like the floor's columns. */
function fromApi(r: ApiRecord) {
  const name = (field: string) => (r.related[field] as Named | undefined)?.name ?? null;
  const out: Record<string, unknown> = {
    id: r.id,
    owner: name('ownerId'),
    team: name('teamId'),
    unit: name('unitId'),
    company: name('companyId'),
    creator: name('createdBy'),
    editor: name('updatedBy'),
    tags: (r.tags ?? []).map((t) => t.name),
  };
  if (r.object === 'deals') {
    out.pipeline = name('pipelineId');
    out.stage = name('stageId');
    out.contacts = ((r.related.contacts as Named[] | undefined) ?? []).map((x) => x.name);
  }
  return out;
}

// node-postgres and PGlite hand a ROW(...) back as its text, "(id,name)"; the names here have no
// commas or quotes, which the generated vocabulary guarantees.
const rowText = (v: unknown): string[] =>
  String(v)
    .replace(/^\(|\)$/g, '')
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''));
const rowsOf = (v: unknown): string[][] => (Array.isArray(v) ? v.map(rowText) : []);

function fromFloor(r: Record<string, unknown>, deals: boolean) {
  const out: Record<string, unknown> = {
    id: r.id,
    owner: r.owner_id_name ?? null,
    team: r.team_id_name ?? null,
    unit: r.unit_id_name ?? null,
    company: r.company_id_name ?? null,
    creator: r.created_by_name ?? null,
    editor: r.updated_by_name ?? null,
    tags: rowsOf(r.tags).map((t) => t[1]),
  };
  if (deals) {
    out.pipeline = r.pipeline ? rowText(r.pipeline)[0] : null;
    out.stage = r.stage ? rowText(r.stage)[0] : null;
    out.contacts = rowsOf(r.contacts).map((t) => t[1]);
  }
  return out;
}

describe('each list floor', () => {
  const lists = readShapes.filter((s) => s.budget === 'list');
  it.each(lists.map((s) => [s.name, s] as const))('%s answers as the API does', async (_, shape) => {
    for (const i of [0, 1]) {
      const results = await shape.api(c, i);
      const last = results[results.length - 1]!;
      expect(last.status).toBe(200);
      const api = (JSON.parse(last.body) as { data: ApiRecord[] }).data;
      const floor = ((await shape.raw(loader, d, i)) ?? []) as Record<string, unknown>[];
      expect(api.length).toBeGreaterThan(0);
      // The floor reads one row past the page, as the API does to know whether another follows.
      expect(api.length).toBe(Math.min(floor.length, 50));
      const deals = api[0]!.object === 'deals';
      expect(floor.slice(0, 50).map((r) => fromFloor(r, deals))).toEqual(api.map(fromApi));
    }
  });
});

// A search floor ranks by word similarity alone (the API adds the kind of match), so the order of
// equally good hits may differ; both must find hits, and the best hit of each must be a hit of both.
describe('each search floor', () => {
  const searches = readShapes.filter((s) => s.budget === 'search');
  it.each(searches.map((s) => [s.name, s] as const))('%s finds what the API finds', async (_, shape) => {
    for (const i of [0, 1, 2]) {
      const [res] = await shape.api(c, i);
      expect(res!.status).toBe(200);
      const api = (JSON.parse(res!.body) as { data: { id: string }[] }).data.map((h) => h.id);
      const floor = ((await shape.raw(loader, d, i)) as { id: string }[]).map((h) => h.id);
      expect(api.length).toBeGreaterThan(0);
      expect(floor.length).toBe(api.length);
      expect(floor).toContain(api[0]);
      expect(api).toContain(floor[0]);
    }
  });
});
