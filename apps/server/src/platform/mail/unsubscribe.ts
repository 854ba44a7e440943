// Unsubscribe links: a token signed with the workspace's secret names the workspace and the address,
// so the public page needs no sign-in and a forged or edited token is refused. Suppressions are kept
// per address and checked before any marketing mail (sequences, campaigns) is queued.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { clock } from '../clock';
import type { Executor } from '../db/schema';
import { emitEvent } from '../events/outbox';
import { isUuid } from '../ids';
import { workspaceSecret } from './secrets';

const PURPOSE = 'unsubscribe';

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 32);

export async function unsubscribeToken(db: Executor, workspaceId: string, address: string): Promise<string> {
  const secret = await workspaceSecret(db, workspaceId, PURPOSE);
  const payload = `${workspaceId}.${Buffer.from(address.toLowerCase()).toString('base64url')}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The workspace and address a token names, or null when it is malformed or its signature is wrong. */
export async function readUnsubscribeToken(
  db: Executor,
  token: string,
): Promise<{ workspaceId: string; address: string } | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [workspaceId, encoded, sig] = parts as [string, string, string];
  if (!isUuid(workspaceId) || !/^[\w-]{1,400}$/.test(encoded) || !/^[\w-]{32}$/.test(sig)) return null;
  const ws = await db.selectFrom('workspaces').where('id', '=', workspaceId).select('id').executeTakeFirst();
  if (!ws) return null;
  const secret = await workspaceSecret(db, workspaceId, PURPOSE);
  const expected = Buffer.from(sign(secret, `${workspaceId}.${encoded}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const address = Buffer.from(encoded, 'base64url').toString('utf8');
  if (!address.includes('@')) return null;
  return { workspaceId, address };
}

export function unsubscribeUrl(publicBase: string, token: string): string {
  return `${publicBase.replace(/\/$/, '')}/u/${token}`;
}

/**
 * Records that an address wants no more marketing mail. Idempotent; the first unsubscribe emits
 * `email.unsubscribed`, which stops the sequences that mail it.
 */
export async function suppressAddress(
  db: Executor,
  workspaceId: string,
  address: string,
  reason: 'unsubscribed' | 'bounced',
  emailId: string | null = null,
): Promise<boolean> {
  const lower = address.trim().toLowerCase();
  const inserted = await db
    .insertInto('email_suppressions')
    .values({ workspace_id: workspaceId, address: lower, reason, email_id: emailId, created_at: clock.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'address']).doNothing())
    .returning('address')
    .executeTakeFirst();
  if (inserted) {
    await emitEvent(db, {
      workspaceId,
      type: reason === 'unsubscribed' ? 'email.unsubscribed' : 'email.bounced',
      payload: { address: lower, emailId },
    });
  }
  return Boolean(inserted);
}

/** The addresses of the list that may not receive marketing mail. */
export async function suppressedAmong(
  db: Executor,
  workspaceId: string,
  addresses: string[],
): Promise<Set<string>> {
  const lower = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  if (!lower.length) return new Set();
  const rows = await db
    .selectFrom('email_suppressions')
    .where('workspace_id', '=', workspaceId)
    .where('address', 'in', lower)
    .select('address')
    .execute();
  return new Set(rows.map((r) => r.address));
}
