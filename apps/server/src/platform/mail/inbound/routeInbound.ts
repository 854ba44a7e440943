// Which workspace an incoming message belongs to, in order of certainty: a reply or bounce names a
// Message-ID we generated; a user sent or forwarded it (the BCC dropbox); a recipient address carries
// the workspace id ("dropbox+<workspace id>@…"); or the installation has a single workspace.
import type { Executor } from '../../db/schema';
import { isUuid } from '../../ids';

export interface InboundRoute {
  workspaceId: string;
  /** Our outgoing message this one answers or bounces, when known. */
  original: { id: string; workspaceId: string } | null;
  how: 'thread' | 'user' | 'address' | 'single';
}

export async function routeInbound(
  db: Executor,
  opts: { referencedIds: string[]; fromAddress: string | null; recipients: string[] },
): Promise<InboundRoute | null> {
  if (opts.referencedIds.length) {
    const original = await db
      .selectFrom('emails')
      .where('message_id', 'in', opts.referencedIds)
      .where('direction', '=', 'out')
      .select(['id', 'workspace_id'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (original) {
      return {
        workspaceId: original.workspace_id,
        original: { id: original.id, workspaceId: original.workspace_id },
        how: 'thread',
      };
    }
  }
  if (opts.fromAddress) {
    const user = await db
      .selectFrom('users')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', opts.fromAddress!.toLowerCase()))
      .where('active', '=', true)
      .select('workspace_id')
      .executeTakeFirst();
    if (user) return { workspaceId: user.workspace_id, original: null, how: 'user' };
  }
  for (const r of opts.recipients) {
    const tag = /^[^@+]+\+([0-9a-f-]{36})@/i.exec(r)?.[1];
    if (tag && isUuid(tag)) {
      const ws = await db
        .selectFrom('workspaces')
        .where('id', '=', tag.toLowerCase())
        .select('id')
        .executeTakeFirst();
      if (ws) return { workspaceId: ws.id, original: null, how: 'address' };
    }
  }
  const two = await db.selectFrom('workspaces').select('id').limit(2).execute();
  if (two.length === 1) return { workspaceId: two[0]!.id, original: null, how: 'single' };
  return null;
}
