// API keys for integrations: each acts as the user who made it, with that user's permissions.
// The token is shown once at creation; only its hash is stored. Revocation works at once because
// every request looks the key up (platform/auth/apiKeys.ts).
import { isoTime, isoTimeOrNull } from '../users/timestamps';
import { hasCapability } from '../../platform/access/authorize';
import { createApiKey } from '../../platform/auth/apiKeys';
import { writeAudit } from '../../platform/audit/writeAudit';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { fieldError, Forbidden, NotFound } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/http/keysetCursor';
import { isUuid } from '../../platform/ids';

export async function issueApiKey(ctx: Ctx, name: string, expiresAt: Date | null = null) {
  // A leaked key must not be able to mint more keys that outlive its revocation.
  if (ctx.actor.kind !== 'user')
    throw new Forbidden('Create API keys while signed in, not with another API key');
  return ctx.db.transaction().execute(async (tx) => {
    const key = await createApiKey(tx, ctx.workspaceId, ctx.actor.userId!, name, expiresAt);
    await writeAudit(tx, ctx.actor, {
      action: 'apiKey.created',
      targetType: 'apiKey',
      targetId: key.id,
      details: {
        name,
        prefix: key.prefix,
        userId: ctx.actor.userId,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
    });
    return {
      id: key.id,
      name: key.name,
      token: key.token,
      prefix: key.prefix,
      userId: ctx.actor.userId,
      createdAt: clock.now().toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
    };
  });
}

/** Active keys: the caller's own, or everyone's for holders of manageApiKeys (?userId narrows). */
export async function listApiKeys(ctx: Ctx, query: { limit: number; after?: string; userId?: string }) {
  const admin = hasCapability(ctx.actor, 'manageApiKeys');
  let q = ctx.db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (j) =>
      j.onRef('u.workspace_id', '=', 'k.workspace_id').onRef('u.id', '=', 'k.user_id'),
    )
    .where('k.workspace_id', '=', ctx.workspaceId)
    .where('k.revoked_at', 'is', null)
    .select([
      'k.id',
      'k.name',
      'k.prefix',
      'k.user_id',
      'u.name as user_name',
      'k.created_at',
      'k.last_used_at',
      'k.expires_at',
    ]);
  if (!admin) q = q.where('k.user_id', '=', ctx.actor.userId!);
  else if (query.userId) q = q.where('k.user_id', '=', query.userId);
  if (query.after) {
    const [id] = decodeCursor(query.after, 1);
    if (!isUuid(id)) throw fieldError('after', 'The cursor is not valid');
    q = q.where('k.id', '<', id);
  }
  const rows = await q
    .orderBy('k.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      userId: k.user_id,
      userName: k.user_name,
      createdAt: isoTime(k.created_at),
      lastUsedAt: isoTimeOrNull(k.last_used_at),
      expiresAt: isoTimeOrNull(k.expires_at),
      // Listed until revoked, so that its owner sees why an integration stopped.
      expired: k.expires_at !== null && new Date(k.expires_at).getTime() <= clock.now().getTime(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  let q = ctx.db
    .selectFrom('api_keys')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .select(['id', 'name', 'user_id']);
  // Someone else's key is not there for you: 404, not 403.
  if (!hasCapability(ctx.actor, 'manageApiKeys')) q = q.where('user_id', '=', ctx.actor.userId!);
  const key = await q.executeTakeFirst();
  if (!key) throw new NotFound('No API key with this id');
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('api_keys')
      .set({ revoked_at: clock.now() })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .execute();
    await writeAudit(tx, ctx.actor, {
      action: 'apiKey.revoked',
      targetType: 'apiKey',
      targetId: id,
      details: { name: key.name, userId: key.user_id },
    });
  });
}
