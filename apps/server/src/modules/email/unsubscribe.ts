// The public unsubscribe link in marketing mail (GET, and POST for one-click List-Unsubscribe):
// the signed token names the workspace and the address; the suppression is kept per address.
import type { Db } from '../../platform/db/schema';
import { readUnsubscribeToken, suppressAddress } from '../../platform/mail/unsubscribe';

export async function unsubscribeByToken(db: Db, token: string): Promise<{ address: string } | null> {
  const target = await readUnsubscribeToken(db, token);
  if (!target) return null;
  await db.transaction().execute(async (tx) => {
    await suppressAddress(tx, target.workspaceId, target.address, 'unsubscribed');
  });
  return { address: target.address };
}
