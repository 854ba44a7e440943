// The workspaces of a claimed batch that have at least one row of a consumer's configuration table
// matching `where` (active workflows, scoring rules, webhook subscriptions): see EventHandler.activeIn.
import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../db/schema';

export async function workspacesWith(
  tx: Tx,
  table: 'workflows' | 'scoring_rules' | 'webhooks',
  where: RawBuilder<unknown>,
  workspaceIds: readonly string[],
): Promise<ReadonlySet<string>> {
  if (!workspaceIds.length) return new Set();
  const res = await sql<{ workspace_id: string }>`
    SELECT DISTINCT workspace_id FROM ${sql.table(table)}
    WHERE workspace_id IN (${sql.join(workspaceIds)}) AND ${where}`.execute(tx);
  return new Set(res.rows.map((r) => r.workspace_id));
}
