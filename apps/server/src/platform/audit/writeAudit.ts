// The audit log: who did what to which user, role, key or setting. Written in the same transaction
// as the change, so an admin action and its entry commit (or roll back) together.
import type { Actor } from '../access/actor';
import type { Executor } from '../db/schema';
import { newId } from '../ids';

export interface AuditEntry {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** What changed, in API field names; never secrets (passwords, tokens, hashes). */
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  // An API key acts as its user; the entry also names the key, so a leaked key can be traced.
  await writeAuditAs(db, actor.workspaceId, actor.userId, entry, {
    via:
      actor.kind === 'apiKey'
        ? { apiKeyId: actor.apiKeyId }
        : actor.kind === 'system'
          ? { system: true }
          : undefined,
  });
}

/** For callers without an Actor yet (first-run setup): the acting user is given directly. */
export async function writeAuditAs(
  db: Executor,
  workspaceId: string,
  actorId: string | null,
  entry: AuditEntry,
  extra: { via?: Record<string, unknown> } = {},
): Promise<void> {
  const details = { ...(entry.details ?? {}), ...(extra.via ? { via: extra.via } : {}) };
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: workspaceId,
      id: newId(),
      actor_id: actorId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}
