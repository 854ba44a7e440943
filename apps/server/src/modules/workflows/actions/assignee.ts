// Who an action's task or message is for: the record's owner (the default), the workflow's owner,
// or a named user ("user:<id>" or the bare id). Checked when the workflow is saved.
import { z } from 'zod';
import type { Ctx } from '../../../platform/context';
import type { Executor } from '../../../platform/db/schema';
import type { FieldError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import type { ActionRun } from '../actionRegistry';

export const assigneeSchema = z
  .string()
  .max(60)
  .refine((s) => s === 'owner' || s === 'workflowOwner' || isUuid(s.replace(/^user:/, '')), {
    message: 'Use owner, workflowOwner or user:<id>',
  });

export const userIdOf = (assignee: string) => (assignee.startsWith('user:') ? assignee.slice(5) : assignee);

export async function checkUsers(ctx: Ctx, ids: string[], path: string): Promise<FieldError[]> {
  const wanted = [...new Set(ids.filter(isUuid).map((i) => i.toLowerCase()))];
  if (!wanted.length) return [];
  const rows = await ctx.db
    .selectFrom('users')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', 'in', wanted)
    .where('active', '=', true)
    .select('id')
    .execute();
  const found = new Set(rows.map((r) => r.id));
  return wanted
    .filter((id) => !found.has(id))
    .map((id) => ({ field: path, message: `No active user ${id}` }));
}

export async function checkAssignee(ctx: Ctx, assignee: string | undefined, path: string) {
  if (!assignee || assignee === 'owner' || assignee === 'workflowOwner') return [];
  return checkUsers(ctx, [userIdOf(assignee)], path);
}

export function resolveAssignee(a: ActionRun, assignee: string | undefined): string | null {
  const owner = typeof a.record?.ownerId === 'string' ? a.record.ownerId : null;
  if (!assignee || assignee === 'owner') return owner ?? a.workflow.ownerId;
  if (assignee === 'workflowOwner') return a.workflow.ownerId ?? owner;
  return userIdOf(assignee).toLowerCase();
}

export async function userEmail(db: Executor, workspaceId: string, userId: string | null) {
  if (!userId) return null;
  const u = await db
    .selectFrom('users')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .select(['email', 'name'])
    .executeTakeFirst();
  return u ?? null;
}
