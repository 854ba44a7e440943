// The caller of a request — session cookie or API key — with their Actor in one statement: the
// credential row joined to the user, role and workspace. Every request pays this, and on a busy
// server each statement costs a scheduling wait (BENCHMARKS.md), so it is not split in two.
import { sql } from 'kysely';
import type { Actor } from '../access/actor';
import { clock } from '../clock';
import type { Executor } from '../db/schema';
import { prepared } from '../db/preparedStatements';
import { sha256 } from '../ids';
import { actorColumns, actorFromRow, actorJoins, type ActorRow, type LoadedUser } from './loadActor';
import type { SessionPolicy } from './sessions';

/** last_seen_at / last_used_at are written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;

interface CredentialRow extends ActorRow {
  credential_id: string;
  csrf_token: string | null;
  touched_at: Date | string | null;
  expires_at: Date | string | null;
}

export type SessionIdentity = {
  actor: Actor;
  user: LoadedUser;
  sessionId: string;
  csrfToken: string;
};

export type ApiKeyIdentity =
  | { status: 'ok'; actor: Actor; user: LoadedUser; apiKeyId: string }
  | { status: 'unknown' | 'expired' };

// Kept prepared on PostgreSQL: one of them runs on every request (preparedStatements.ts).
const sessionQuery = { done: false };
const apiKeyQuery = { done: false };

const time = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());

export async function sessionIdentity(
  db: Executor,
  policy: SessionPolicy,
  token: string,
): Promise<SessionIdentity | null> {
  const res = await prepared(
    sql<CredentialRow>`
    SELECT ${actorColumns}, c.id AS credential_id, c.csrf_token, c.last_seen_at AS touched_at, c.expires_at
    FROM sessions c JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.user_id ${actorJoins}
    WHERE c.token_hash = ${sha256(token)} AND c.revoked_at IS NULL`,
    db,
    sessionQuery,
  ).execute(db);
  const row = res.rows[0];
  if (!row) return null;
  const now = clock.now().getTime();
  const lastSeen = time(row.touched_at) ?? 0;
  if ((time(row.expires_at) ?? 0) <= now || lastSeen + policy.idleMs <= now) return null;
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await sql`UPDATE sessions SET last_seen_at = ${new Date(now)}
      WHERE workspace_id = ${row.workspace_id} AND id = ${row.credential_id}`.execute(db);
  }
  const { actor, user } = actorFromRow(row, 'user');
  actor.sessionId = row.credential_id;
  return { actor, user, sessionId: row.credential_id, csrfToken: row.csrf_token ?? '' };
}

export async function apiKeyIdentity(db: Executor, token: string): Promise<ApiKeyIdentity> {
  const res = await prepared(
    sql<CredentialRow>`
    SELECT ${actorColumns}, c.id AS credential_id, NULL AS csrf_token, c.last_used_at AS touched_at, c.expires_at
    FROM api_keys c JOIN users u ON u.workspace_id = c.workspace_id AND u.id = c.user_id ${actorJoins}
    WHERE c.token_hash = ${sha256(token)} AND c.revoked_at IS NULL`,
    db,
    apiKeyQuery,
  ).execute(db);
  const row = res.rows[0];
  if (!row) return { status: 'unknown' };
  const now = clock.now().getTime();
  const expires = time(row.expires_at);
  if (expires !== null && expires <= now) return { status: 'expired' };
  const lastUsed = time(row.touched_at);
  if (lastUsed === null || now - lastUsed > TOUCH_EVERY_MS) {
    await sql`UPDATE api_keys SET last_used_at = ${new Date(now)}
      WHERE workspace_id = ${row.workspace_id} AND id = ${row.credential_id}`.execute(db);
  }
  const { actor, user } = actorFromRow(row, 'apiKey');
  actor.apiKeyId = row.credential_id;
  return { status: 'ok', actor, user, apiKeyId: row.credential_id };
}
