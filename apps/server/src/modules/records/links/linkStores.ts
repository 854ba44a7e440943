// Fields kept in join tables rather than columns: a deal's contacts, a record's tags and an
// activity's related records. Each store reads a row's value as a correlated subquery the page
// query selects (no extra statement per page), replaces one record's set, and compiles filters
// into EXISTS subqueries on the join table's index.
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../platform/db/schema';
import { fieldError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import type { ApiRecord, LoadedObject } from '../meta/types';

export interface LinkTarget {
  object: string;
  id: string;
}

export interface LinkStore {
  /** The value for the owning row aliased `alias`, as an expression for its select list. */
  column(alias: string, object: string, workspaceId: string): RawBuilder<unknown>;
  save(db: Executor, workspaceId: string, object: string, id: string, value: unknown): Promise<void>;
  /** Filter on the owning row aliased `alias`; `op` is one of eq/contains/in/nin/isEmpty/isNotEmpty. */
  filter(op: string, value: unknown, alias: string, object: string, field: string): RawBuilder<unknown>;
}

const r = (alias: string, c: string) => sql.ref(`${alias}.${c}`);

function idList(field: string, value: unknown, many: boolean): string[] {
  const list = many ? value : [value];
  if (!Array.isArray(list) || list.length === 0 || list.length > 500 || !list.every(isUuid))
    throw fieldError(field, many ? 'Use a list of record ids' : 'Use a record id');
  return (list as string[]).map((s) => s.toLowerCase());
}

function setFilter(
  op: string,
  value: unknown,
  field: string,
  exists: (cond: RawBuilder<unknown> | null) => RawBuilder<unknown>,
  col: RawBuilder<unknown>,
): RawBuilder<unknown> {
  switch (op) {
    case 'eq':
    case 'contains':
      return exists(sql`${col} = ${idList(field, value, false)[0]}`);
    case 'in':
      return exists(sql`${col} IN (${sql.join(idList(field, value, true))})`);
    case 'nin':
    case 'neq':
      return sql`NOT ${exists(
        op === 'neq'
          ? sql`${col} = ${idList(field, value, false)[0]}`
          : sql`${col} IN (${sql.join(idList(field, value, true))})`,
      )}`;
    case 'isEmpty':
      return sql`NOT ${exists(null)}`;
    case 'isNotEmpty':
      return exists(null);
    default:
      throw fieldError(field, `The ${op} operator does not apply to this field`);
  }
}

const and = (c: RawBuilder<unknown> | null) => (c ? sql` AND ${c}` : sql``);

export const dealContactsStore: LinkStore = {
  column(alias, _object, ws) {
    return sql`ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = ${ws}
      AND l.deal_id = ${r(alias, 'id')} ORDER BY l.position, l.contact_id)`;
  },
  async save(db, ws, _object, id, value) {
    const ids = (value as string[] | null) ?? [];
    await sql`DELETE FROM deal_contacts WHERE workspace_id = ${ws} AND deal_id = ${id}`.execute(db);
    if (!ids.length) return;
    await sql`INSERT INTO deal_contacts (workspace_id, deal_id, contact_id, position)
      VALUES ${sql.join(ids.map((c, i) => sql`(${ws}, ${id}, ${c}, ${i})`))}`.execute(db);
  },
  filter(op, value, alias, _object, field) {
    const exists = (c: RawBuilder<unknown> | null) =>
      sql`EXISTS (SELECT 1 FROM deal_contacts l WHERE l.workspace_id = ${r(alias, 'workspace_id')}
        AND l.deal_id = ${r(alias, 'id')}${and(c)})`;
    return setFilter(op, value, field, exists, sql.ref('l.contact_id'));
  },
};

export const taggingsStore: LinkStore = {
  column(alias, object, ws) {
    return sql`ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = ${ws}
      AND l.object = ${object} AND l.record_id = ${r(alias, 'id')} ORDER BY l.position, l.tag_id)`;
  },
  async save(db, ws, object, id, value) {
    const ids = (value as string[] | null) ?? [];
    await sql`DELETE FROM taggings WHERE workspace_id = ${ws} AND object = ${object} AND record_id = ${id}`.execute(
      db,
    );
    if (!ids.length) return;
    await sql`INSERT INTO taggings (workspace_id, object, record_id, tag_id, position)
      VALUES ${sql.join(ids.map((t, i) => sql`(${ws}, ${object}, ${id}, ${t}, ${i})`))}`.execute(db);
  },
  filter(op, value, alias, object, field) {
    const exists = (c: RawBuilder<unknown> | null) =>
      sql`EXISTS (SELECT 1 FROM taggings l WHERE l.workspace_id = ${r(alias, 'workspace_id')}
        AND l.object = ${object} AND l.record_id = ${r(alias, 'id')}${and(c)})`;
    return setFilter(op, value, field, exists, sql.ref('l.tag_id'));
  },
};

function linkTarget(field: string, value: unknown): LinkTarget {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { object, id } = value as Record<string, unknown>;
    if (typeof object === 'string' && /^[a-z][a-zA-Z0-9]{0,62}$/.test(object) && isUuid(id))
      return { object, id: id.toLowerCase() };
  }
  throw fieldError(field, 'Use {"object": "contacts", "id": "…"}');
}

/** Direct links only are the field's value; derived ones (via a contact's company) feed timelines. */
export const activityLinksStore: LinkStore = {
  column(alias, _object, ws) {
    return sql`(SELECT coalesce(json_agg(json_build_object('object', l.object, 'id', l.record_id)
        ORDER BY l.position, l.object, l.record_id), '[]'::json)
      FROM activity_links l WHERE l.workspace_id = ${ws}
      AND l.activity_id = ${r(alias, 'id')} AND l.direct)`;
  },
  async save(db, ws, _object, id, value) {
    // Derived links (a contact's company) are rebuilt afterwards by the activities hook.
    const targets = (value as LinkTarget[] | null) ?? [];
    await sql`DELETE FROM activity_links WHERE workspace_id = ${ws} AND activity_id = ${id} AND direct`.execute(
      db,
    );
    if (!targets.length) return;
    await sql`INSERT INTO activity_links (workspace_id, activity_id, object, record_id, direct, position, occurred_at)
      SELECT ${ws}, a.id, v.object, v.record_id::uuid, true, v.position::int, a.occurred_at
      FROM activities a, (VALUES ${sql.join(targets.map((t, i) => sql`(${t.object}, ${t.id}, ${i})`))}) AS v(object, record_id, position)
      WHERE a.workspace_id = ${ws} AND a.id = ${id}
      ON CONFLICT (workspace_id, activity_id, object, record_id)
      DO UPDATE SET direct = true, via_object = NULL, via_id = NULL, position = EXCLUDED.position`.execute(
      db,
    );
  },
  filter(op, value, alias, _object, field) {
    const exists = (c: RawBuilder<unknown> | null) =>
      sql`EXISTS (SELECT 1 FROM activity_links l WHERE l.workspace_id = ${r(alias, 'workspace_id')}
        AND l.activity_id = ${r(alias, 'id')}${and(c)})`;
    switch (op) {
      case 'eq':
      case 'contains': {
        const t = linkTarget(field, value);
        return exists(sql`l.object = ${t.object} AND l.record_id = ${t.id}`);
      }
      case 'isEmpty':
        return sql`NOT ${exists(sql`l.direct`)}`;
      case 'isNotEmpty':
        return exists(sql`l.direct`);
      default:
        throw fieldError(field, `The ${op} operator does not apply to this field`);
    }
  },
};

export const linkStores: Record<string, LinkStore> = {
  dealContacts: dealContactsStore,
  taggings: taggingsStore,
  activityLinks: activityLinksStore,
};

const linkKey = (field: string) => `__link_${field}`;

/**
 * `, <subquery> AS "__link_<field>"` for every link field of the object: appended to a page
 * query's select list. Under ORDER BY … LIMIT the planner evaluates these after the limit, so only
 * the page's rows pay for them.
 */
export function linkColumns(meta: LoadedObject, alias: string, workspaceId: string): RawBuilder<unknown> {
  const cols: RawBuilder<unknown>[] = [];
  for (const f of meta.fields) {
    if (f.storage.kind !== 'link') continue;
    const store = linkStores[f.storage.link];
    if (store)
      cols.push(sql`, ${store.column(alias, meta.name, workspaceId)} AS ${sql.ref(linkKey(f.name))}`);
  }
  return cols.length ? sql.join(cols, sql``) : sql``;
}

/** Copies the link values a page query selected (see linkColumns) onto the records. */
export function linksFromRows(meta: LoadedObject, records: ApiRecord[], rows: Record<string, unknown>[]) {
  const links = meta.fields.filter((f) => f.storage.kind === 'link');
  if (!links.length) return;
  records.forEach((rec, i) => {
    const row = rows[i];
    for (const f of links) rec[f.name] = (row?.[linkKey(f.name)] as unknown[] | null) ?? [];
  });
}
