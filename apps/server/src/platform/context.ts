// What every service function receives: where to read and write (the database or an open
// transaction), who is acting, and the store (for raw SQL and jobs).
import type { FastifyRequest } from 'fastify';
import type { Actor } from './access/actor';
import type { Executor } from './db/schema';
import { Unauthorized } from './errors';

export interface Ctx {
  db: Executor;
  actor: Actor;
  workspaceId: string;
  requestId?: string;
  /**
   * The workspace's data-model version as this request's identity statement read it. Set for
   * requests only (a job's context lives too long to trust one); see loadObject.ts.
   */
  schemaVersion?: string;
}

export function ctxOf(req: FastifyRequest): Ctx {
  const actor = req.actor;
  if (!actor) throw new Unauthorized();
  return {
    db: req.server.store.db,
    actor,
    workspaceId: actor.workspaceId,
    requestId: req.id,
    ...(actor.schemaVersion ? { schemaVersion: actor.schemaVersion } : {}),
  };
}

/** The same context on a transaction: services that write call this once and pass it down. */
export function inTx(ctx: Ctx, tx: Executor): Ctx {
  return { ...ctx, db: tx };
}
