// The warning on a create form: existing records that look like the draft (same email or phone,
// a similar name at the same company, or a very similar name anywhere), best reasons first.
import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { Unprocessable } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { phoneKeys } from '../../platform/search/phoneKeys';
import { loadObject } from '../records/meta/loadObject';
import { fetchRecords, scopeSql } from '../records/read/fetchRecords';
import { presentRecords } from '../records/read/presentRecord';
import { coerceDomain } from '../imports/coerce/urls';

export const checkBody = z
  .object({
    firstName: z.string().max(200).nullish(),
    lastName: z.string().max(200).nullish(),
    name: z.string().max(500).nullish(),
    email: z.string().max(320).nullish(),
    phone: z.string().max(50).nullish(),
    companyId: z.string().uuid().nullish(),
    company: z.string().max(300).nullish(),
    domain: z.string().max(253).nullish(),
  })
  .passthrough();

type Draft = z.infer<typeof checkBody>;

const reasonOrder = ['email', 'phone', 'domain', 'similarNameAtCompany', 'similarName'];

export async function checkDuplicates(ctx: Ctx, object: string, draft: Draft) {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  if (!['contacts', 'leads', 'companies'].includes(meta.name))
    throw new Unprocessable('Duplicate checks cover contacts, leads and companies');
  const han = /[\u3400-\u9fff]/;
  const full = (
    draft.name ??
    (han.test(`${draft.lastName ?? ''}${draft.firstName ?? ''}`)
      ? `${draft.lastName ?? ''}${draft.firstName ?? ''}`
      : [draft.firstName, draft.lastName].filter(Boolean).join(' '))
  ).trim();
  const conds: { reason: string; cond: RawBuilder<unknown> }[] = [];
  const email = draft.email?.trim().toLowerCase();
  if (email?.includes('@')) {
    conds.push({
      reason: 'email',
      cond:
        meta.name === 'contacts'
          ? sql`t.email_keys && ARRAY[${email}]::text[]`
          : sql`lower(t.email) = ${email}`,
    });
  }
  if (draft.phone && meta.name !== 'companies') {
    const keys = phoneKeys(draft.phone).filter((k) => k.length >= 7);
    if (keys.length)
      conds.push({
        reason: 'phone',
        cond:
          meta.name === 'contacts'
            ? sql`t.phone_keys && ARRAY[${sql.join(keys)}]::text[]`
            : sql`regexp_replace(coalesce(t.phone, ''), '\\D', '', 'g') IN (${sql.join(keys)})`,
      });
  }
  if (meta.name === 'companies' && draft.domain) {
    const d = coerceDomain(draft.domain);
    if (d.ok) conds.push({ reason: 'domain', cond: sql`lower(t.domain) = ${d.value}` });
  }
  if (full) {
    const similar = sql`(similarity(t.name, ${full}) > 0.5 OR lower(t.name) = lower(${full}))`;
    if (meta.name === 'contacts' && draft.companyId && isUuid(draft.companyId))
      conds.push({
        reason: 'similarNameAtCompany',
        cond: sql`t.company_id = ${draft.companyId} AND ${similar}`,
      });
    else if (meta.name === 'leads' && draft.company)
      conds.push({
        reason: 'similarNameAtCompany',
        cond: sql`lower(t.company_name) = lower(${draft.company}) AND ${similar}`,
      });
    // Anywhere, only a very similar name counts (many people share a common name).
    conds.push({
      reason: 'similarName',
      cond: sql`(t.name % ${full} AND similarity(t.name, ${full}) > 0.7 OR lower(t.name) = lower(${full}))`,
    });
  }
  if (!conds.length) return { data: [] };
  const s = scopeSql(ctx.actor, meta.name, 'read', 't');
  const hits = new Map<string, Set<string>>();
  for (const c of conds) {
    const res = await sql<{ id: string }>`SELECT t.id FROM ${sql.table(meta.table)} AS t
      WHERE t.workspace_id = ${ctx.workspaceId} AND t.deleted_at IS NULL AND ${c.cond}${s ? sql` AND ${s}` : sql``}
      LIMIT 10`.execute(ctx.db);
    for (const r of res.rows) hits.set(r.id, (hits.get(r.id) ?? new Set()).add(c.reason));
  }
  const ids = [...hits.keys()];
  const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, ids, { actor: ctx.actor });
  const presented = await presentRecords(ctx, meta, records);
  const rank = (id: string) => Math.min(...[...hits.get(id)!].map((r) => reasonOrder.indexOf(r)));
  return {
    data: presented
      .map((r) => ({ record: r, reasons: reasonOrder.filter((x) => hits.get(r.id)!.has(x)) }))
      .sort((a, b) => rank(a.record.id) - rank(b.record.id))
      .slice(0, 10),
  };
}
