// Per-workspace secrets of the process engine, made on first use and kept in the database so every
// API and worker process signs and verifies with the same key.
import type { Executor } from '../db/schema';
import { randomToken } from '../ids';

export async function workspaceSecret(db: Executor, workspaceId: string, purpose: string): Promise<string> {
  await db
    .insertInto('process_secrets')
    .values({ workspace_id: workspaceId, purpose, secret: randomToken(32) })
    .onConflict((oc) => oc.columns(['workspace_id', 'purpose']).doNothing())
    .execute();
  const row = await db
    .selectFrom('process_secrets')
    .where('workspace_id', '=', workspaceId)
    .where('purpose', '=', purpose)
    .select('secret')
    .executeTakeFirstOrThrow();
  return row.secret;
}
