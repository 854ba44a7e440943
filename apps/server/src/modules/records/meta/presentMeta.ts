// Object and field metadata as the API shows it to one caller: labels in both languages, options,
// required/unique/indexed, and `readOnly` for this caller (system fields and fields their role
// may only read). Fields the caller's role hides are left out; objects they cannot read too.
// `layout` is the record page's sections (schema/pageLayouts.ts), null when none is saved.
import { can } from '../../../platform/access/authorize';
import type { Actor } from '../../../platform/access/actor';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { loadLayouts, type PageLayout, presentLayout } from '../schema/pageLayouts';
import { loadAllObjects, loadObject } from './loadObject';
import type { FieldDef, LoadedObject } from './types';
import { fieldAccess } from './fieldAccess';

export function presentField(actor: Actor, object: string, f: FieldDef) {
  const access = fieldAccess(actor, object, f.name);
  return {
    name: f.name,
    type: f.type,
    label: f.labels,
    ...(f.description ? { description: f.description } : {}),
    ...(f.options ? { options: f.options } : {}),
    required: Boolean(f.required),
    unique: Boolean(f.unique),
    indexed: Boolean(f.indexed),
    readOnly: Boolean(f.system) || access === 'readOnly',
    custom: Boolean(f.custom),
    ...(f.relation ? { relation: f.relation } : {}),
    ...(f.many ? { many: true } : {}),
    searchable: Boolean(f.search),
    sortable: Boolean(f.sortable) && f.storage.kind !== 'link',
    filterable: f.type !== 'moneyTotals',
    ...(f.path && f.relation && !f.relation.many ? { path: f.path } : {}),
    ...(f.position !== undefined ? { position: f.position } : {}),
  };
}

/** `layout` undefined leaves the key out (writes that do not load it); null means none is saved. */
export function presentObject(actor: Actor, meta: LoadedObject, layout?: PageLayout | null) {
  return {
    name: meta.name,
    label: meta.labels,
    pluralLabel: meta.pluralLabels,
    ...(meta.description ? { description: meta.description } : {}),
    custom: Boolean(meta.custom),
    titleField: meta.titleField,
    fields: meta.fields
      .filter((f) => fieldAccess(actor, meta.name, f.name) !== 'hidden')
      .map((f) => presentField(actor, meta.name, f)),
    ...(layout !== undefined ? { layout: presentLayout(actor, meta, layout) } : {}),
  };
}

export type PresentedObject = ReturnType<typeof presentObject>;

export async function getObjectMeta(ctx: Ctx, object: string): Promise<PresentedObject> {
  const meta = await loadObject(ctx, object);
  if (!can(ctx.actor, meta.name, 'read')) throw new NotFound(`There is no object "${object}"`);
  const layouts = await loadLayouts(ctx, [meta.name]);
  return presentObject(ctx.actor, meta, layouts.get(meta.name) ?? null);
}

export async function listObjects(ctx: Ctx): Promise<PresentedObject[]> {
  const all = await loadAllObjects(ctx);
  const layouts = await loadLayouts(ctx);
  return all
    .filter((m) => can(ctx.actor, m.name, 'read'))
    .map((m) => presentObject(ctx.actor, m, layouts.get(m.name) ?? null));
}
