import type { Executor } from '../db/schema';
import { newId, randomToken, sha256 } from '../ids';

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
