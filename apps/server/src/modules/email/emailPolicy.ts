// Who sees which messages: people who run the process engine (admins, marketing) see the whole
// outbox and inbox; everyone else sees the messages they sent or queued. Written once as a SQL
// condition so lists and single reads agree.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor';
import { hasCapability } from '../../platform/access/authorize';
import type { Database } from '../../platform/db/schema';

export function seesAllEmails(actor: Actor): boolean {
  return hasCapability(actor, 'manageSettings') || hasCapability(actor, 'manageWorkflows');
}

export function emailScope(actor: Actor) {
  if (seesAllEmails(actor)) return null;
  const me = actor.userId;
  return (eb: ExpressionBuilder<Database, 'emails'>): Expression<SqlBool> =>
    me ? eb.or([eb('emails.sender_user_id', '=', me), eb('emails.created_by', '=', me)]) : eb.val(false);
}
