// The rules that find likely duplicates, per object, as SQL over indexed keys: the same email in
// any case, the same phone in any format (contacts' phone keys hold every form of a number), and a
// similar name at the same company (pg_trgm similarity, or equal names ignoring case). Each rule
// yields groups in key order, so the list pages by (rule, key) instead of by offset.
import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { scopeSql } from '../records/read/fetchRecords';

export interface RawGroup {
  rule: string;
  key: string;
  ids: string[];
}

export interface DuplicateRule {
  name: string;
  find(ctx: Ctx, after: string | null, limit: number): Promise<RawGroup[]>;
}

const scope = (ctx: Ctx, object: string, alias: string) => {
  const s = scopeSql(ctx.actor, object, 'read', alias);
  return s ? sql` AND ${s}` : sql``;
};

function keyGroups(
  table: string,
  object: string,
  name: string,
  keyExpr: RawBuilder<unknown>,
  from: RawBuilder<unknown>,
  minLength = 1,
): DuplicateRule {
  return {
    name,
    async find(ctx, after, limit) {
      const res = await sql<{ key: string; ids: string[] }>`
        SELECT ${keyExpr} AS key, array_agg(t.id ORDER BY t.created_at, t.id) AS ids
        FROM ${sql.table(table)} AS t${from}
        WHERE t.workspace_id = ${ctx.workspaceId} AND t.deleted_at IS NULL${scope(ctx, object, 't')}
          AND length(${keyExpr}) >= ${minLength}${after === null ? sql`` : sql` AND ${keyExpr} > ${after}`}
        GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT ${limit}`.execute(ctx.db);
      return res.rows.map((r) => ({ rule: name, key: r.key, ids: r.ids }));
    },
  };
}

/** Pairs by similar name within one company, joined into groups per company. `company` is an
 * expression over the alias {t} (a literal of this file). */
function nameAtCompany(table: string, object: string, company: string): DuplicateRule {
  const ca = sql.raw(company.replaceAll('{t}', 'a'));
  const cb = sql.raw(company.replaceAll('{t}', 'b'));
  return {
    name: 'similarNameAtCompany',
    async find(ctx, after, limit) {
      const res = await sql<{ key: string; a: string; b: string }>`
        SELECT ${ca}::text AS key, a.id AS a, b.id AS b
        FROM ${sql.table(table)} AS a
        JOIN ${sql.table(table)} AS b ON b.workspace_id = a.workspace_id AND b.id > a.id AND b.deleted_at IS NULL
          AND ${cb} = ${ca} AND (similarity(a.name, b.name) > 0.5 OR lower(a.name) = lower(b.name))
        WHERE a.workspace_id = ${ctx.workspaceId} AND a.deleted_at IS NULL AND ${ca} IS NOT NULL AND a.name <> ''
          ${scope(ctx, object, 'a')}${scope(ctx, object, 'b')}${after === null ? sql`` : sql` AND ${ca}::text > ${after}`}
        ORDER BY 1, a.id, b.id LIMIT ${limit * 20}`.execute(ctx.db);
      const groups = new Map<string, Set<string>>();
      for (const r of res.rows) {
        const g = groups.get(r.key) ?? new Set<string>();
        g.add(r.a);
        g.add(r.b);
        groups.set(r.key, g);
      }
      return [...groups.entries()]
        .slice(0, limit)
        .map(([key, ids]) => ({ rule: 'similarNameAtCompany', key, ids: [...ids] }));
    },
  };
}

export const duplicateRules: Record<string, DuplicateRule[]> = {
  contacts: [
    keyGroups('contacts', 'contacts', 'email', sql`k`, sql`, unnest(t.email_keys) AS k`, 3),
    // Only the longest key of each number (country code + national number) groups, so a pair is
    // not listed once per form of its number.
    keyGroups('contacts', 'contacts', 'phone', sql`k`, sql`, unnest(t.phone_keys) AS k`, 8),
    nameAtCompany('contacts', 'contacts', '{t}.company_id'),
  ],
  leads: [
    keyGroups('leads', 'leads', 'email', sql`lower(t.email)`, sql``, 3),
    keyGroups(
      'leads',
      'leads',
      'phone',
      sql`regexp_replace(coalesce(t.phone, ''), '\\D', '', 'g')`,
      sql``,
      7,
    ),
    nameAtCompany('leads', 'leads', 'lower({t}.company_name)'),
  ],
  companies: [
    keyGroups('companies', 'companies', 'domain', sql`lower(t.domain)`, sql``, 3),
    keyGroups('companies', 'companies', 'name', sql`lower(btrim(t.name))`, sql``, 1),
  ],
};
