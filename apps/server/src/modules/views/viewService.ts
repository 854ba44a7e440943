// Saved views: a named list of filters, sort and columns on one object, private to its owner or
// shared with the workspace. Filters and sort are checked by compiling them, so a view that
// saves is a view that runs.
import type { SavedViewInput } from '@rapport/contracts/records';
import { savedViewInputSchema } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { hasCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { fieldError, Forbidden, NotFound, Unprocessable } from '../../platform/errors';
import { isUuid, newId } from '../../platform/ids';
import { loadObject } from '../records/meta/loadObject';
import { presentObject } from '../records/meta/presentMeta';
import { compileList } from '../records/query/compileList';
import { listRecords, type Page } from '../records/read/listRecords';
import { ensureDefaultViews } from './defaultViews';

interface ViewRow {
  id: string;
  object: string;
  name: string;
  labels: { en: string; 'zh-CN': string } | null;
  owner_id: string | null;
  shared: boolean;
  filters: unknown[];
  sort: { field: string; direction: 'asc' | 'desc' }[];
  columns: string[];
  builtin_key: string | null;
  position: number;
}

function present(v: ViewRow) {
  return {
    id: v.id,
    object: v.object,
    name: v.name,
    label: v.labels ?? { en: v.name, 'zh-CN': v.name },
    filters: v.filters,
    sort: v.sort,
    columns: v.columns,
    shared: v.shared,
    ownerId: v.owner_id,
    builtIn: Boolean(v.builtin_key),
    ...(v.builtin_key ? { key: v.builtin_key } : {}),
  };
}

async function check(
  ctx: Ctx,
  object: string,
  input: { filters?: unknown[]; sort?: unknown[]; columns?: string[] },
) {
  const meta = await loadObject(ctx, object).catch(() => {
    throw fieldError('object', `There is no object "${object}"`);
  });
  // Compiling proves every field, operator and value means something for this object.
  await compileList(ctx, meta, { filters: input.filters as never, sort: input.sort as never, limit: 1 });
  const visible = new Set(presentObject(ctx.actor, meta).fields.map((f) => f.name));
  for (const [i, c] of (input.columns ?? []).entries())
    if (!visible.has(c)) throw fieldError(`columns.${i}`, `Unknown field ${c}`);
  return meta;
}

const visibleTo = (ctx: Ctx) => sql`(v.shared OR v.owner_id = ${ctx.actor.userId})`;

export async function listViews(ctx: Ctx, object?: string) {
  await ensureDefaultViews(ctx.db, ctx.workspaceId);
  const byObject = object ? sql` AND v.object = ${object}` : sql``;
  const res = await sql<ViewRow>`SELECT * FROM saved_views v
    WHERE v.workspace_id = ${ctx.workspaceId} AND ${visibleTo(ctx)}${byObject}
    ORDER BY v.object, v.builtin_key IS NULL, v.position, v.name`.execute(ctx.db);
  return res.rows.map(present);
}

async function loadView(ctx: Ctx, id: string): Promise<ViewRow> {
  const res = isUuid(id)
    ? await sql<ViewRow>`SELECT * FROM saved_views v WHERE v.workspace_id = ${ctx.workspaceId} AND v.id = ${id.toLowerCase()}
        AND ${visibleTo(ctx)}`.execute(ctx.db)
    : { rows: [] };
  if (!res.rows[0]) throw new NotFound(`No view with id ${id}`);
  return res.rows[0];
}

export async function getView(ctx: Ctx, id: string) {
  return present(await loadView(ctx, id));
}

function mayShare(ctx: Ctx) {
  if (!hasCapability(ctx.actor, 'manageSchema'))
    throw new Forbidden('Only an admin may share views with everyone');
}

export async function createView(ctx: Ctx, input: SavedViewInput) {
  const v = savedViewInputSchema.parse(input);
  if (v.shared) mayShare(ctx);
  await check(ctx, v.object, v);
  const id = newId();
  await sql`INSERT INTO saved_views (workspace_id, id, object, name, owner_id, shared, filters, sort, columns)
    VALUES (${ctx.workspaceId}, ${id}, ${v.object}, ${v.name}, ${ctx.actor.userId}, ${v.shared},
      ${JSON.stringify(v.filters)}::jsonb, ${JSON.stringify(v.sort)}::jsonb, ${JSON.stringify(v.columns)}::jsonb)`.execute(
    ctx.db,
  );
  return getView(ctx, id);
}

function mayEdit(ctx: Ctx, v: ViewRow) {
  if (v.owner_id === ctx.actor.userId && !v.builtin_key) return;
  if ((v.shared || v.builtin_key) && hasCapability(ctx.actor, 'manageSchema')) return;
  throw new Forbidden('You may only change your own views');
}

export async function updateView(ctx: Ctx, id: string, patch: Partial<Omit<SavedViewInput, 'object'>>) {
  const v = await loadView(ctx, id);
  mayEdit(ctx, v);
  if (patch.shared === true && !v.shared) mayShare(ctx);
  const next = {
    name: patch.name ?? v.name,
    filters: patch.filters ?? v.filters,
    sort: patch.sort ?? v.sort,
    columns: patch.columns ?? v.columns,
    shared: patch.shared ?? v.shared,
  };
  await check(ctx, v.object, next);
  const labels = patch.name && v.builtin_key ? { en: patch.name, 'zh-CN': patch.name } : v.labels;
  await sql`UPDATE saved_views SET name = ${next.name}, labels = ${labels ? JSON.stringify(labels) : null}::jsonb,
      filters = ${JSON.stringify(next.filters)}::jsonb, sort = ${JSON.stringify(next.sort)}::jsonb,
      columns = ${JSON.stringify(next.columns)}::jsonb, shared = ${next.shared}, updated_at = ${clock.now()}
    WHERE workspace_id = ${ctx.workspaceId} AND id = ${v.id}`.execute(ctx.db);
  return getView(ctx, v.id);
}

export async function deleteView(ctx: Ctx, id: string) {
  const v = await loadView(ctx, id);
  if (v.builtin_key) throw new Unprocessable('Built-in views cannot be deleted; edit them instead');
  mayEdit(ctx, v);
  await sql`DELETE FROM saved_views WHERE workspace_id = ${ctx.workspaceId} AND id = ${v.id}`.execute(ctx.db);
}

/** The view's records, one keyset page at a time. */
export async function runView(
  ctx: Ctx,
  id: string,
  page: { limit?: number; after?: string | null },
): Promise<Page> {
  const v = await loadView(ctx, id);
  return listRecords(ctx, v.object, {
    filters: v.filters as never,
    sort: v.sort,
    limit: page.limit,
    after: page.after,
  });
}
