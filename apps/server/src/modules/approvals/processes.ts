// Approval processes, set up by people with manageWorkflows: which object, which records qualify
// (entry criteria), the steps in order, and which fields are locked while a request is pending.
// A process is edited with If-Match (its version); its object never changes.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import {
  Conflict,
  type FieldError,
  NotFound,
  PreconditionFailed,
  ValidationError,
} from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadObject } from '../records/meta/loadObject';
import { checkUsers } from '../workflows/actions/assignee';
import { conditionErrors } from '../workflows/conditions';
import type { CreateProcessInput, UpdateProcessInput } from './processBody';
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
  version: number;
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
    version: p.version,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

/** The checks of create and update: the object, its criteria and locked fields, each step's approver. */
async function checkProcess(
  ctx: Ctx,
  input: Pick<CreateProcessInput, 'object' | 'entryCriteria' | 'steps'> & { lockedFields?: string[] | null },
) {
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
  return meta!;
}

export async function createProcess(ctx: Ctx, input: CreateProcessInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const meta = await checkProcess(ctx, input);
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

/**
 * Partial update, validated as on create against the process's object. A stale `ifMatch` is a 412
 * carrying the current process. Pending requests read the steps when they are decided, so changing
 * the steps while requests are pending is refused (409): decide them first.
 */
export async function updateProcess(
  ctx: Ctx,
  id: string,
  input: UpdateProcessInput,
  opts: { ifMatch?: number } = {},
) {
  requireCapability(ctx.actor, 'manageWorkflows');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('approval_processes')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .selectAll()
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFound('No such approval process');
    if (opts.ifMatch !== undefined && opts.ifMatch !== current.version)
      throw new PreconditionFailed(
        'The approval process was changed by someone else; reload it and try again',
        {
          current: presentProcess(current),
        },
      );
    const next = {
      object: current.object,
      entryCriteria: input.entryCriteria ?? (current.entry_criteria as CreateProcessInput['entryCriteria']),
      steps: input.steps ?? (current.steps as CreateProcessInput['steps']),
      lockedFields: input.lockedFields !== undefined ? input.lockedFields : current.locked_fields,
    };
    await checkProcess({ ...ctx, db: tx }, next);
    if (input.steps && JSON.stringify(input.steps) !== JSON.stringify(current.steps)) {
      const pending = await tx
        .selectFrom('approval_requests')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('process_id', '=', id)
        .where('status', '=', 'pending')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(pending.n) > 0)
        throw new Conflict(
          `${pending.n} request(s) of this process are pending; decide them before changing its steps`,
          [{ field: 'steps', message: 'Requests are pending on these steps' }],
        );
    }
    const row = await tx
      .updateTable('approval_processes')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.entryCriteria !== undefined ? { entry_criteria: JSON.stringify(input.entryCriteria) } : {}),
        ...(input.steps !== undefined ? { steps: JSON.stringify(input.steps) } : {}),
        ...(input.lockedFields !== undefined ? { locked_fields: input.lockedFields } : {}),
        version: current.version + 1,
        updated_at: clock.now(),
      })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentProcess(row);
  });
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
