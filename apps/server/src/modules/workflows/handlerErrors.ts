// The dispatcher's handler failures (event_handler_errors): an event a handler threw on — a
// workflow matcher, a webhook fan-out, a sequence stop rule — kept so the failure is visible to an
// admin instead of only in the server log. Newest first, keyset-paged on (failed_at, event_id,
// handler), which the (workspace_id, failed_at DESC) index serves. Admins only: the errors speak of
// every object, whatever a role may see.
import { sql } from 'kysely';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import '../../platform/dispatch/schema';
import { isUuid } from '../../platform/ids';

interface Cursor {
  at: string;
  eventId: string;
  handler: string;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.eventId, c.handler])).toString('base64url');

function decode(text: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3) return null;
    const [at, eventId, handler] = v;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
    if (typeof eventId !== 'string' || !isUuid(eventId)) return null;
    if (typeof handler !== 'string' || handler.length > 200) return null;
    return { at, eventId, handler };
  } catch {
    return null;
  }
}

export const handlerErrorsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z
      .string()
      .max(600)
      .optional()
      .refine((v) => v === undefined || decode(v) !== null, 'Not a cursor from a previous page'),
  })
  .strict();

export async function listHandlerErrors(ctx: Ctx, q: z.infer<typeof handlerErrorsQuery>) {
  requireCapability(ctx.actor, 'manageSettings');
  const after = q.after ? decode(q.after) : null;
  let query = ctx.db
    .selectFrom('event_handler_errors as h')
    .leftJoin('outbox_events as e', (j) =>
      j.onRef('e.workspace_id', '=', 'h.workspace_id').onRef('e.id', '=', 'h.event_id'),
    )
    .where('h.workspace_id', '=', ctx.workspaceId)
    .select([
      'h.event_id',
      'h.handler',
      'h.error',
      'h.failed_at',
      'e.type as event_type',
      'e.object',
      'e.record_id',
    ]);
  if (after)
    query = query.where(
      sql<boolean>`(h.failed_at, h.event_id, h.handler) < (${new Date(after.at)}, ${after.eventId}::uuid, ${after.handler})`,
    );
  const rows = await query
    .orderBy('h.failed_at', 'desc')
    .orderBy('h.event_id', 'desc')
    .orderBy('h.handler', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit).map((r) => ({
    eventId: r.event_id,
    handler: r.handler,
    error: r.error,
    failedAt: new Date(r.failed_at).toISOString(),
    event: { type: r.event_type ?? null, object: r.object ?? null, recordId: r.record_id ?? null },
  }));
  const last = page[page.length - 1];
  return {
    data: page,
    nextCursor:
      rows.length > q.limit && last
        ? encode({ at: last.failedAt, eventId: last.eventId, handler: last.handler })
        : null,
  };
}
