import type { Executor } from '../db/schema';
import { newId, randomToken, sha256 } from '../ids';
import { clock } from '../clock';

export const API_KEY_PREFIX = 'rpk_';

export async function createApiKey(
  db: Executor,
  workspaceId: string,
  userId: string,
  name: string,
  expiresAt: Date | null = null,
) {
  const token = API_KEY_PREFIX + randomToken(32);
  const id = newId();
  await db
    .insertInto('api_keys')
    .values({
      workspace_id: workspaceId,
      id,
      user_id: userId,
      name,
      token_hash: sha256(token),
      prefix: token.slice(0, 10),
      expires_at: expiresAt,
    })
    .execute();
  return { id, name, token, prefix: token.slice(0, 10), expiresAt };
}

export async function findApiKey(db: Executor, token: string) {
  const row = await db
    .selectFrom('api_keys')
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .select(['id', 'workspace_id', 'user_id', 'last_used_at', 'expires_at'])
    .executeTakeFirst();
  if (!row) return null;
  const now = clock.now();
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime())
    return { expired: true as const };
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('workspace_id', '=', row.workspace_id)
      .where('id', '=', row.id)
      .execute();
  }
  return { id: row.id, workspaceId: row.workspace_id, userId: row.user_id, expired: false as const };
}
