// What merge fields in process-engine messages can name: the record under its own name
// ({{contact.firstName}}, {{lead.company}}, {{deal.amount}}), as {{record.…}} too, its owner
// ({{owner.name}}), its company when it has one, and the workspace.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { firstName } from '../../platform/mail/queueEmail';
import type { MergeContext } from '../../platform/mail/mergeFields';
import type { ApiRecord } from '../records/meta/types';

const singular: Record<string, 'contact' | 'lead' | 'company' | 'deal'> = {
  contacts: 'contact',
  leads: 'lead',
  companies: 'company',
  deals: 'deal',
};

export async function mergeContextFor(
  db: Executor,
  workspaceId: string,
  object: string | null,
  record: ApiRecord | null,
): Promise<MergeContext> {
  const ctx: MergeContext = {};
  if (record && object) {
    ctx.record = record;
    const name = singular[object];
    if (name) ctx[name] = record;
  }
  const ownerId = typeof record?.ownerId === 'string' ? record.ownerId : null;
  const companyId = typeof record?.companyId === 'string' ? record.companyId : null;
  const [owner, company, ws] = await Promise.all([
    ownerId
      ? db
          .selectFrom('users')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', ownerId)
          .select(['name', 'email'])
          .executeTakeFirst()
      : undefined,
    companyId && object !== 'companies'
      ? sql<{ name: string; domain: string | null }>`
          SELECT name, domain FROM companies WHERE workspace_id = ${workspaceId} AND id = ${companyId}`
          .execute(db)
          .then((r) => r.rows[0])
      : undefined,
    db.selectFrom('workspaces').where('id', '=', workspaceId).select('name').executeTakeFirst(),
  ]);
  if (owner) ctx.owner = { name: owner.name, email: owner.email, firstName: firstName(owner.name) };
  if (company) ctx.company = company;
  if (ws) ctx.workspace = { name: ws.name };
  return ctx;
}
