// Open deal value on companies and contacts: the sum of their open deals' amounts, one total per
// currency (no conversion until dated exchange rates exist), and the count of open deals.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';

function totals(join: ReturnType<typeof sql>) {
  return sql`(
    SELECT coalesce(jsonb_agg(jsonb_build_object('amount', s.total::text, 'currency', s.currency) ORDER BY s.currency), '[]'::jsonb)
    FROM (SELECT rtrim(d.currency) AS currency, sum(d.amount) AS total FROM deals d ${join}
          AND d.deleted_at IS NULL AND d.status = 'open' AND d.amount IS NOT NULL GROUP BY d.currency) s)`;
}

export async function refreshDealRollups(
  db: Executor,
  ws: string,
  companyIds: string[],
  contactIds: string[],
): Promise<void> {
  const companies = [...new Set(companyIds)];
  const contacts = [...new Set(contactIds)];
  if (companies.length) {
    const join = sql`WHERE d.workspace_id = t.workspace_id AND d.company_id = t.id`;
    await sql`UPDATE companies t SET open_deal_value = ${totals(join)},
        open_deal_count = (SELECT count(*) FROM deals d ${join} AND d.deleted_at IS NULL AND d.status = 'open')
      WHERE t.workspace_id = ${ws} AND t.id IN (${sql.join(companies)})`.execute(db);
  }
  if (contacts.length) {
    const join = sql`JOIN deal_contacts dc ON dc.workspace_id = d.workspace_id AND dc.deal_id = d.id
      WHERE dc.workspace_id = t.workspace_id AND dc.contact_id = t.id`;
    await sql`UPDATE contacts t SET open_deal_value = ${totals(join)},
        open_deal_count = (SELECT count(*) FROM deals d ${join} AND d.deleted_at IS NULL AND d.status = 'open')
      WHERE t.workspace_id = ${ws} AND t.id IN (${sql.join(contacts)})`.execute(db);
  }
}
