// Approval processes, set up by people with manageWorkflows: which object, which records qualify
// (entry criteria), the steps in order, and which fields are locked while a request is pending.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { type FieldError, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadObject } from '../records/meta/loadObject';
import { checkUsers } from '../workflows/actions/assignee';
import { conditionErrors } from '../workflows/conditions';
import type { CreateProcessInput } from './processBody';
import './schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentProcess(p: {
  id: string;
  name: string;
  object: string;
  entry_criteria: unknown;
  steps: unknown;
  locked_fields: string[] | null;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}) {
  return {
    id: p.id,
    name: p.name,
    object: p.object,
    entryCriteria: p.entry_criteria,
    steps: p.steps,
    lockedFields: p.locked_fields,
    active: p.active,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

export async function createProcess(ctx: Ctx, input: CreateProcessInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const errors: FieldError[] = [];
  const meta = await loadObject(ctx, input.object).catch(() => null);
  if (!meta) errors.push({ field: 'object', message: `No object ${input.object}` });
  else {
    errors.push(
      ...conditionErrors(meta, input.entryCriteria, 'entryCriteria', {
        userId: ctx.actor.userId,
        timeZone: meta.workspace.timeZone,
      }),
    );
    for (const [i, f] of (input.lockedFields ?? []).entries())
      if (!meta.byName.has(f))
        errors.push({ field: `lockedFields.${i}`, message: `${meta.name} has no field ${f}` });
  }
  for (const [i, s] of input.steps.entries()) {
    if (s.approver.startsWith('role:')) {
      const role = await ctx.db
        .selectFrom('roles')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('key', '=', s.approver.slice(5))
        .select('id')
        .executeTakeFirst();
      if (!role) errors.push({ field: `steps.${i}.approver`, message: `No role ${s.approver.slice(5)}` });
    } else if (s.approver.startsWith('user:')) {
      errors.push(...(await checkUsers(ctx, [s.approver.slice(5)], `steps.${i}.approver`)));
    }
  }
  if (errors.length) throw new ValidationError(errors);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('approval_processes')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      name: input.name,
      object: meta!.name,
      entry_criteria: JSON.stringify(input.entryCriteria),
      steps: JSON.stringify(input.steps),
      locked_fields: input.lockedFields ?? null,
      active: input.active,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentProcess(row);
}

export async function listProcesses(ctx: Ctx, object?: string) {
  let q = ctx.db
    .selectFrom('approval_processes')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('archived_at', 'is', null)
    .selectAll();
  if (object) q = q.where('object', '=', object);
  return { data: (await q.orderBy('name').limit(500).execute()).map(presentProcess) };
}

export async function archiveProcess(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const r = await ctx.db
    .updateTable('approval_processes')
    .set({ archived_at: clock.now(), active: false })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!r.numUpdatedRows) throw new NotFound('No such approval process');
}
