// Loads an object's metadata for one request: the standard definition (or the custom object's row)
// plus its live custom fields and the workspace's currency and time zone, in one statement. A
// request's identity statement also reads the workspace's data-model version (migration 0092, moved
// by triggers on every change), so metadata read outside a transaction is kept per process under
// that version and used again while the version stands: no statement at all on most requests, and
// several processes still never disagree. Inside a transaction (a write, which may itself change
// the model) the metadata is always read afresh.
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { customObjectDef, standardObjects } from './standardObjects';
import type { FieldDef, FieldOption, FieldType, Labels, LoadedObject, ObjectDef, SearchRole } from './types';

const OBJECT_NAME_RE = /^[a-z][a-zA-Z0-9]{0,62}$/;

export interface FieldDefinitionRow {
  id: string;
  object: string;
  name: string;
  type: string;
  labels: Labels;
  options: FieldOption[] | null;
  required: boolean;
  is_unique: boolean;
  indexed: boolean;
  searchable: boolean;
  relation_object: string | null;
  description: Labels | null;
  position: number;
  index_name: string | null;
  retired_at: Date | null;
}

const searchRoleOf = (type: string): SearchRole =>
  type === 'email' ? 'emails' : type === 'phone' ? 'phones' : type === 'url' ? 'domains' : 'other';

export function customFieldDef(row: FieldDefinitionRow): FieldDef {
  const type = row.type as FieldType;
  return {
    name: row.name,
    type,
    labels: row.labels,
    storage: { kind: 'custom', key: row.name },
    options: row.options ?? undefined,
    required: row.required,
    unique: row.is_unique,
    indexed: row.indexed,
    relation: row.relation_object ? { object: row.relation_object } : undefined,
    search: row.searchable ? searchRoleOf(type) : undefined,
    custom: true,
    uniqueIndex: row.is_unique && row.index_name ? row.index_name : undefined,
    sortable: !['longText', 'multiSelect'].includes(type),
    nullable: true,
    path: type === 'relation' ? row.name : undefined,
    description: row.description ?? undefined,
    position: row.position,
  };
}

export function withFields(
  def: ObjectDef,
  custom: FieldDef[],
  workspace: LoadedObject['workspace'],
): LoadedObject {
  const fields = [...def.fields, ...custom];
  return { ...def, fields, byName: new Map(fields.map((f) => [f.name, f])), workspace };
}

const kept = new Map<string, { version: string; meta: LoadedObject }>();
/** Workspaces × objects kept; past it the map starts over (a cache, not a registry). */
const KEEP = 2_000;

export async function loadObject(ctx: Ctx, name: string): Promise<LoadedObject> {
  if (typeof name !== 'string' || !OBJECT_NAME_RE.test(name))
    throw new NotFound(`There is no object "${name}"`);
  const key = `${ctx.workspaceId}/${name}`;
  const cacheable = ctx.schemaVersion !== undefined && !ctx.db.isTransaction;
  if (cacheable) {
    const hit = kept.get(key);
    if (hit && hit.version === ctx.schemaVersion) return hit.meta;
  }
  const { meta, version } = await readObject(ctx, name);
  if (cacheable) {
    if (kept.size >= KEEP) kept.clear();
    // Shared by every request from now on: a change made to it by one would leak into the others.
    for (const f of meta.fields) Object.freeze(f);
    Object.freeze(meta.fields);
    kept.set(key, { version, meta: Object.freeze(meta) });
  }
  return meta;
}

async function readObject(ctx: Ctx, name: string): Promise<{ meta: LoadedObject; version: string }> {
  const standard = standardObjects.get(name);
  // One round trip for the workspace, the custom object's row and its live fields: this runs on
  // every record request, and on a busy server each query costs a scheduling wait (BENCHMARKS.md).
  const head = await sql<{
    currency: string;
    time_zone: string;
    od_name: string | null;
    labels: Labels | null;
    plural_labels: Labels | null;
    description: Labels | null;
    fields: FieldDefinitionRow[];
    schema_version: string | number;
  }>`
    SELECT w.currency, w.time_zone, w.schema_version, od.name AS od_name, od.labels, od.plural_labels, od.description,
      (SELECT coalesce(json_agg(f ORDER BY f.position, f.created_at), '[]'::json) FROM field_definitions f
        WHERE f.workspace_id = w.id AND f.object = ${name} AND f.retired_at IS NULL) AS fields
    FROM workspaces w
    LEFT JOIN object_definitions od
      ON od.workspace_id = w.id AND od.name = ${name} AND od.retired_at IS NULL
    WHERE w.id = ${ctx.workspaceId}`.execute(ctx.db);
  const w = head.rows[0];
  if (!w) throw new NotFound('No such workspace');
  let def: ObjectDef;
  if (standard) def = standard;
  else if (w.od_name && w.labels && w.plural_labels)
    def = customObjectDef({
      name: w.od_name,
      labels: w.labels,
      plural_labels: w.plural_labels,
      description: w.description,
    });
  else throw new NotFound(`There is no object "${name}"`);
  const meta = withFields(def, w.fields.map(customFieldDef), {
    currency: w.currency.trim(),
    timeZone: w.time_zone,
  });
  return { meta, version: String(w.schema_version) };
}

/** Every object of the workspace (standard first, then custom ones by name) with their fields. */
export async function loadAllObjects(ctx: Ctx): Promise<LoadedObject[]> {
  const ws = await sql<{ currency: string; time_zone: string }>`
    SELECT currency, time_zone FROM workspaces WHERE id = ${ctx.workspaceId}`.execute(ctx.db);
  const w = ws.rows[0];
  if (!w) throw new NotFound('No such workspace');
  const objects = await sql<{
    name: string;
    labels: Labels;
    plural_labels: Labels;
    description: Labels | null;
  }>`
    SELECT name, labels, plural_labels, description FROM object_definitions
    WHERE workspace_id = ${ctx.workspaceId} AND retired_at IS NULL ORDER BY name`.execute(ctx.db);
  const fields = await sql<FieldDefinitionRow>`
    SELECT * FROM field_definitions
    WHERE workspace_id = ${ctx.workspaceId} AND retired_at IS NULL
    ORDER BY object, position, created_at`.execute(ctx.db);
  const byObject = new Map<string, FieldDef[]>();
  for (const r of fields.rows) {
    const list = byObject.get(r.object) ?? [];
    list.push(customFieldDef(r));
    byObject.set(r.object, list);
  }
  const workspace = { currency: w.currency.trim(), timeZone: w.time_zone };
  const defs: ObjectDef[] = [...standardObjects.values(), ...objects.rows.map(customObjectDef)];
  return defs.map((d) => withFields(d, byObject.get(d.name) ?? [], workspace));
}
