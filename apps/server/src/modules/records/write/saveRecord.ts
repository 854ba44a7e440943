// The create and update paths shared by single writes, batches, conversions and imports: defaults,
// ownership, object hooks, required fields, references, the row, link tables, history, the outbox
// event and after-write hooks — all on the transaction in ctx.db.
import { scopeOf, withinScope } from '../../../platform/access/authorize';
import { clock } from '../../../platform/clock';
import type { Ctx } from '../../../platform/context';
import { emitEvent } from '../../../platform/events/outbox';
import {
  type FieldError,
  Forbidden,
  NotFound,
  PreconditionFailed,
  ValidationError,
} from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { companyOf, writeHistory } from '../history/writeHistory';
import { linkStores } from '../links/linkStores';
import type { ApiRecord, LoadedObject, WriteState } from '../meta/types';
import { fetchRecords } from '../read/fetchRecords';
import { presentRecord } from '../read/presentRecord';
import { recordToColumns } from '../read/rowToRecord';
import { applyOwnership, type OwnerCache } from './ownership';
import { checkReferences } from './references';
import { searchKeyOf } from './searchKey';
import { insertRow, updateRow } from './rowWrites';
import { missingRequired, type ValidInput } from './validateInput';
import { preserveHiddenLinks } from './preserveHiddenLinks';
import { runWriteGuards } from './writeGuards';

/** Fields the engine itself maintains on every write. */
const IDENTITY = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function fail(errors: FieldError[], prefix?: string): never {
  const seen = new Set<string>();
  const list = errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
  throw new ValidationError(prefix ? list.map((e) => ({ ...e, field: `${prefix}.${e.field}` })) : list);
}

export async function loadForWrite(
  ctx: Ctx,
  meta: LoadedObject,
  id: string,
  deleted: 'live' | 'deleted' = 'live',
) {
  const { records, raw } = await fetchRecords(ctx.db, ctx.workspaceId, meta, [id], {
    actor: ctx.actor,
    action: 'read',
    forUpdate: true,
    deleted,
  });
  const rec = records[0];
  if (!rec) return null;
  return { rec, raw: raw.get(id)! };
}

export function requireScope(ctx: Ctx, meta: LoadedObject, rec: ApiRecord, action: 'update' | 'delete') {
  const scope = scopeOf(ctx.actor, meta.name, action);
  const own = {
    ownerId: rec.ownerId as string | null,
    teamId: rec.teamId as string | null,
    unitId: rec.unitId as string | null,
  };
  if (!withinScope(ctx.actor, scope, own)) throw new Forbidden(`You may not ${action} this record`);
}

export async function checkIfMatch(
  ctx: Ctx,
  meta: LoadedObject,
  rec: ApiRecord,
  ifMatch: number | undefined,
) {
  if (ifMatch !== undefined && ifMatch !== rec.version)
    throw new PreconditionFailed(undefined, { current: await presentRecord(ctx, meta, rec) });
}

/** A create's state after defaults, ownership and the object's prepare hook; errors are collected in w. */
export async function prepareCreate(
  ctx: Ctx,
  meta: LoadedObject,
  input: ValidInput,
  owners?: OwnerCache,
): Promise<WriteState> {
  const next: Record<string, unknown> = {};
  for (const f of meta.fields)
    if (f.defaultValue !== undefined && !input.given.has(f.name))
      next[f.name] = structuredClone(f.defaultValue);
  Object.assign(next, input.values);
  const w: WriteState = {
    op: 'create',
    meta,
    id: input.id ?? newId(),
    old: null,
    next,
    given: input.given,
    extraColumns: {},
    errors: [],
  };
  await applyOwnership(ctx, w, owners);
  await meta.hooks?.prepare?.(ctx, w);
  w.errors.push(...missingRequired(meta, next));
  return w;
}

/** The table row of a prepared create (link fields are written separately). */
export function createRow(ctx: Ctx, meta: LoadedObject, w: WriteState, now: Date): Record<string, unknown> {
  const names = meta.fields
    .filter((f) => !IDENTITY.has(f.name) && f.storage.kind !== 'link' && w.next[f.name] !== undefined)
    .map((f) => f.name);
  const { columns, custom } = recordToColumns(meta, w.next, names, {});
  return {
    workspace_id: ctx.workspaceId,
    id: w.id,
    ...(meta.custom ? { object: meta.name } : {}),
    created_at: now,
    updated_at: now,
    created_by: ctx.actor.userId,
    updated_by: ctx.actor.userId,
    custom: JSON.stringify(custom),
    search_text: searchKeyOf(meta, w.next),
    ...columns,
    ...w.extraColumns,
  };
}

export async function saveLinks(ctx: Ctx, meta: LoadedObject, w: WriteState): Promise<void> {
  for (const f of meta.fields) {
    if (f.storage.kind !== 'link' || w.next[f.name] === undefined) continue;
    await linkStores[f.storage.link]?.save(ctx.db, ctx.workspaceId, meta.name, w.id, w.next[f.name]);
  }
}

export const createdFields = (w: WriteState) => Object.keys(w.next).filter((k) => !IDENTITY.has(k));

export async function insertRecord(
  ctx: Ctx,
  meta: LoadedObject,
  input: ValidInput,
  opts: { errorPrefix?: string } = {},
): Promise<ApiRecord> {
  const now = clock.now();
  const w = await prepareCreate(ctx, meta, input);
  if (!w.errors.length) w.errors.push(...(await checkReferences(ctx, meta, w.next, input.given)));
  if (w.errors.length) fail(w.errors, opts.errorPrefix);
  const id = w.id;
  await insertRow(ctx, meta, createRow(ctx, meta, w, now));
  await saveLinks(ctx, meta, w);
  const rec = (await fetchRecords(ctx.db, ctx.workspaceId, meta, [id])).records[0]!;
  await writeHistory(ctx, meta, id, companyOf(meta, rec), [{ kind: 'created' }], now);
  await emitEvent(ctx.db, {
    workspaceId: ctx.workspaceId,
    type: 'record.created',
    object: meta.name,
    recordId: id,
    actorId: ctx.actor.userId,
    payload: { new: rec },
  });
  const changed = createdFields(w);
  await meta.hooks?.afterWrite?.(ctx, { op: 'create', meta, id, old: null, new: rec, changed, db: ctx.db });
  return rec;
}

export async function applyUpdate(
  ctx: Ctx,
  meta: LoadedObject,
  id: string,
  input: ValidInput,
  opts: { ifMatch?: number; errorPrefix?: string } = {},
): Promise<ApiRecord> {
  const loaded = await loadForWrite(ctx, meta, id);
  if (!loaded) throw new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);
  const { rec: old, raw } = loaded;
  requireScope(ctx, meta, old, 'update');
  await checkIfMatch(ctx, meta, old, opts.ifMatch);

  const next: Record<string, unknown> = { ...structuredClone(old), ...input.values };
  const w: WriteState = {
    op: 'update',
    meta,
    id,
    old,
    next,
    given: input.given,
    extraColumns: {},
    errors: [],
  };
  await preserveHiddenLinks(ctx, meta, old, next, input.given);
  await applyOwnership(ctx, w);
  await meta.hooks?.prepare?.(ctx, w);
  await runWriteGuards(ctx, w);
  w.errors.push(...missingRequired(meta, next, input.given));
  const changed = meta.fields
    .filter((f) => !IDENTITY.has(f.name) && !same(old[f.name], next[f.name]))
    .map((f) => f.name);
  if (!w.errors.length) w.errors.push(...(await checkReferences(ctx, meta, next, changed, old)));
  if (w.errors.length) fail(w.errors, opts.errorPrefix);
  // Extra columns derive from fields, so nothing changed means nothing to write (no version bump).
  if (!changed.length) return old;

  const now = clock.now();
  const scalar = changed.filter((n) => meta.byName.get(n)!.storage.kind !== 'link');
  const { columns, custom, customChanged } = recordToColumns(meta, next, scalar, raw.custom);
  await updateRow(ctx, meta, id, {
    ...columns,
    ...(customChanged ? { custom: JSON.stringify(custom) } : {}),
    ...w.extraColumns,
    search_text: searchKeyOf(meta, next),
    updated_at: now,
    updated_by: ctx.actor.userId,
  });
  for (const name of changed) {
    const f = meta.byName.get(name)!;
    if (f.storage.kind === 'link')
      await linkStores[f.storage.link]?.save(ctx.db, ctx.workspaceId, meta.name, id, next[name]);
  }
  const rec = (await fetchRecords(ctx.db, ctx.workspaceId, meta, [id])).records[0]!;
  if (changed.length) {
    await writeHistory(
      ctx,
      meta,
      id,
      companyOf(meta, rec) ?? companyOf(meta, old),
      changed.map((field) => ({ kind: 'updated' as const, field, old: old[field], new: rec[field] })),
      now,
    );
    await emitEvent(ctx.db, {
      workspaceId: ctx.workspaceId,
      type: 'record.updated',
      object: meta.name,
      recordId: id,
      actorId: ctx.actor.userId,
      payload: { old, new: rec, changed },
    });
  }
  await meta.hooks?.afterWrite?.(ctx, { op: 'update', meta, id, old, new: rec, changed, db: ctx.db });
  return rec;
}
