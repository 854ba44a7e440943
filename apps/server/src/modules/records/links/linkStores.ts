// Fields kept in join tables rather than columns: a deal's contacts, a record's tags and an
// activity's related records. Each store loads a page's values in one query, replaces one
// record's set, and compiles filters into EXISTS subqueries on the join table's index.
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../../platform/db/schema';
import { fieldError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';

export interface LinkTarget {
  object: string;
  id: string;
}

export interface LinkStore {
  load(db: Executor, workspaceId: string, object: string, ids: string[]): Promise<Map<string, unknown>>;
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
  async load(db, ws, _object, ids) {
    const out = new Map<string, unknown>();
    if (!ids.length) return out;
    const res = await sql<{ deal_id: string; ids: string[] }>`
      SELECT deal_id, array_agg(contact_id ORDER BY position, contact_id) AS ids
      FROM deal_contacts WHERE workspace_id = ${ws} AND deal_id IN (${sql.join(ids)})
      GROUP BY deal_id`.execute(db);
    for (const row of res.rows) out.set(row.deal_id, row.ids);
    return out;
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
  async load(db, ws, object, ids) {
    const out = new Map<string, unknown>();
    if (!ids.length) return out;
    const res = await sql<{ record_id: string; ids: string[] }>`
      SELECT record_id, array_agg(tag_id ORDER BY position, tag_id) AS ids
      FROM taggings WHERE workspace_id = ${ws} AND object = ${object} AND record_id IN (${sql.join(ids)})
      GROUP BY record_id`.execute(db);
    for (const row of res.rows) out.set(row.record_id, row.ids);
    return out;
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
  async load(db, ws, _object, ids) {
    const out = new Map<string, unknown>();
    if (!ids.length) return out;
    const res = await sql<{ activity_id: string; links: LinkTarget[] }>`
      SELECT activity_id, json_agg(json_build_object('object', object, 'id', record_id) ORDER BY position, object, record_id) AS links
      FROM activity_links WHERE workspace_id = ${ws} AND activity_id IN (${sql.join(ids)}) AND direct
      GROUP BY activity_id`.execute(db);
    for (const row of res.rows) out.set(row.activity_id, row.links);
    return out;
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
