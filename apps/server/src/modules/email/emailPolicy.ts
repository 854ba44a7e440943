// Who sees which messages: people who run the process engine (admins, marketing) see the whole
// outbox and inbox; everyone else sees the messages they sent or queued, and the messages linked to
// a contact, lead, company or deal they may read (the same mail the record's timeline shows them).
// Written once as a SQL condition so lists and single reads agree.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/access/actor';
import { hasCapability } from '../../platform/access/authorize';
import type { Database } from '../../platform/db/schema';
import { scopeSql } from '../records/read/fetchRecords';

const LINKABLE = [
  ['contacts', 'contacts'],
  ['leads', 'leads'],
  ['companies', 'companies'],
  ['deals', 'deals'],
] as const;

export function seesAllEmails(actor: Actor): boolean {
  return hasCapability(actor, 'manageSettings') || hasCapability(actor, 'manageWorkflows');
}

export function emailScope(actor: Actor) {
  if (seesAllEmails(actor)) return null;
  const me = actor.userId;
  const viaRecords = LINKABLE.map(([object, table]) => {
    const scope = scopeSql(actor, object, 'read', 'r');
    return sql<SqlBool>`EXISTS (SELECT 1 FROM email_links l
      JOIN ${sql.table(table)} r ON r.workspace_id = l.workspace_id AND r.id = l.record_id
      WHERE l.workspace_id = emails.workspace_id AND l.email_id = emails.id AND l.object = ${object}
        AND r.deleted_at IS NULL ${scope ? sql`AND ${scope}` : sql``})`;
  });
  return (eb: ExpressionBuilder<Database, 'emails'>): Expression<SqlBool> =>
    eb.or([
      ...(me ? [eb('emails.sender_user_id', '=', me), eb('emails.created_by', '=', me)] : []),
      ...viaRecords,
    ]);
}
