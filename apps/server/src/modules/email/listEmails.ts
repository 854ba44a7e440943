// The outbox and inbox: newest first, keyset-paged, filtered by direction, status or a linked record.
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/schema';
import { decodeCursor, pageOf } from '../../platform/dispatch/pages';
import { NotFound } from '../../platform/errors';
import { emailScope } from './emailPolicy';
import { presentEmail } from './presentEmail';

export interface ListEmailsQuery {
  direction?: 'in' | 'out';
  status?: 'queued' | 'sent' | 'failed' | 'received';
  kind?: 'message' | 'reply' | 'bounce' | 'autoReply';
  object?: string;
  recordId?: string;
  limit: number;
  after?: string;
}

export async function listEmails(ctx: Ctx, q: ListEmailsQuery) {
  let query = ctx.db
    .selectFrom('emails')
    .selectAll('emails')
    .where('emails.workspace_id', '=', ctx.workspaceId);
  if (q.direction) query = query.where('emails.direction', '=', q.direction);
  if (q.status) {
    query = query.where('emails.status', 'in', q.status === 'queued' ? ['queued', 'sending'] : [q.status]);
  }
  if (q.kind) query = query.where('emails.kind', '=', q.kind);
  if (q.recordId) {
    const recordId = q.recordId;
    const object = q.object;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('email_links as l')
          .select('l.email_id')
          .whereRef('l.workspace_id', '=', 'emails.workspace_id')
          .whereRef('l.email_id', '=', 'emails.id')
          .where('l.record_id', '=', recordId)
          .$if(Boolean(object), (s) => s.where('l.object', '=', object!)),
      ),
    );
  }
  const scope = emailScope(ctx.actor);
  if (scope) query = query.where(scope);
  if (q.after) query = query.where('emails.id', '<', decodeCursor(q.after)!);
  const rows = await query
    .orderBy('emails.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = pageOf(rows, q.limit);
  const links = await linksOf(
    ctx.db,
    ctx.workspaceId,
    page.data.map((r) => r.id),
  );
  return {
    data: page.data.map((r) => presentEmail(r, links.get(r.id) ?? [], false)),
    nextCursor: page.nextCursor,
  };
}

export async function getEmail(ctx: Ctx, id: string) {
  let query = ctx.db
    .selectFrom('emails')
    .selectAll('emails')
    .where('emails.workspace_id', '=', ctx.workspaceId)
    .where('emails.id', '=', id);
  const scope = emailScope(ctx.actor);
  if (scope) query = query.where(scope);
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFound('No such email');
  const links = await linksOf(ctx.db, ctx.workspaceId, [id]);
  return presentEmail(row, links.get(id) ?? [], true);
}

async function linksOf(db: Executor, workspaceId: string, ids: string[]) {
  const out = new Map<string, { object: string; record_id: string; role: string }[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('email_links')
    .where('workspace_id', '=', workspaceId)
    .where('email_id', 'in', ids)
    .select(['email_id', 'object', 'record_id', 'role'])
    .execute();
  for (const r of rows) {
    const list = out.get(r.email_id) ?? [];
    list.push(r);
    out.set(r.email_id, list);
  }
  return out;
}
