// Sequences are made and changed by people with manageWorkflows (marketing, admins), from steps or
// from a ready template. Editing the steps affects enrolments from their next step on.
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { type FieldError, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { mergeFieldErrors } from '../email/emailTemplates';
import { checkAssignee } from '../workflows/actions/assignee';
import { defaultBusinessHours } from './businessHours';
import { presentSequence } from './presentSequence';
import type { SequenceStep } from './schema';
import type { CreateSequenceInput, UpdateSequenceInput } from './sequenceBody';
import { templateFor } from './templates';
import './schema';

export async function loadSequence(ctx: Ctx, id: string) {
  const s = await ctx.db
    .selectFrom('sequences')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .selectAll()
    .executeTakeFirst();
  if (!s) throw new NotFound('No such sequence');
  return s;
}

async function checkSteps(ctx: Ctx, steps: SequenceStep[]) {
  const errors: FieldError[] = [];
  for (const [i, s] of steps.entries()) {
    errors.push(...mergeFieldErrors({ [`steps.${i}.subject`]: s.subject, [`steps.${i}.body`]: s.body }));
    errors.push(...(await checkAssignee(ctx, s.assignTo, `steps.${i}.assignTo`)));
  }
  if (errors.length) throw new ValidationError(errors);
}

export async function createSequence(ctx: Ctx, input: CreateSequenceInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  let steps = input.steps;
  let name = input.name;
  let description = input.description ?? null;
  if (input.template) {
    const t = templateFor(input.template);
    if (!t)
      throw new ValidationError([
        { field: 'template', message: 'No such template; see GET /api/v1/sequence-templates' },
      ]);
    const lang = ctx.actor.locale.startsWith('zh') ? 'zh-CN' : 'en';
    steps ??= t.steps[lang];
    name ??= t.name[lang];
    description ??= t.description[lang];
  }
  const errors: FieldError[] = [];
  if (!steps) errors.push({ field: 'steps', message: 'Give steps or a template' });
  if (!name) errors.push({ field: 'name', message: 'Give the sequence a name' });
  if (errors.length) throw new ValidationError(errors);
  await checkSteps(ctx, steps!);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('sequences')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      name: name!,
      description,
      active: input.active ?? true,
      steps: JSON.stringify(steps),
      stop_on: input.stopOn ?? ['reply', 'converted', 'unsubscribed'],
      business_hours: JSON.stringify(
        input.businessHours === undefined ? defaultBusinessHours : input.businessHours,
      ),
      template_key: input.template ?? null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentSequence(row);
}

export async function updateSequence(ctx: Ctx, id: string, input: UpdateSequenceInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  await loadSequence(ctx, id);
  if (input.steps) await checkSteps(ctx, input.steps);
  const row = await ctx.db
    .updateTable('sequences')
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.steps ? { steps: JSON.stringify(input.steps) } : {}),
      ...(input.stopOn ? { stop_on: input.stopOn } : {}),
      ...(input.businessHours !== undefined ? { business_hours: JSON.stringify(input.businessHours) } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      updated_at: clock.now(),
    })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentSequence(row);
}

export async function archiveSequence(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  await loadSequence(ctx, id);
  const now = clock.now();
  await ctx.db
    .updateTable('sequences')
    .set({ archived_at: now, active: false, updated_at: now })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .execute();
  await ctx.db
    .updateTable('sequence_enrollments')
    .set({ status: 'stopped', stop_reason: 'sequence archived', stopped_at: now, updated_at: now })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('sequence_id', '=', id)
    .where('status', 'in', ['active', 'paused'])
    .execute();
}

export async function listSequences(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('sequences')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('archived_at', 'is', null)
    .selectAll()
    .orderBy('name')
    .limit(1000)
    .execute();
  return { data: rows.map(presentSequence) };
}

export async function getSequence(ctx: Ctx, id: string) {
  return presentSequence(await loadSequence(ctx, id));
}
