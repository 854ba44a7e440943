// Scoring rules, managed by people with manageWorkflows: `{object, when, points}` is a fit rule
// (the record's values), `{object, event, points}` a behaviour rule (form.submitted,
// email.received). Points may be negative. Changing rules rescans the object's records in the
// background, a page per round, so every score follows the new rules.
import { filterSchema } from '@rapport/contracts/records';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/schema';
import { type FieldError, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { loadObject } from '../records/meta/loadObject';
import { conditionErrors } from '../workflows/conditions';
import './schema';

export const ruleBody = z
  .object({
    object: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    when: z.array(filterSchema).max(20).default([]),
    event: z.enum(['form.submitted', 'email.received']).optional(),
    points: z.number().int().min(-1000).max(1000),
    active: z.boolean().default(true),
  })
  .strict();
export type RuleInput = z.infer<typeof ruleBody>;

const iso = (d: Date | string) => new Date(d).toISOString();
const present = (r: {
  id: string;
  object: string;
  name: string | null;
  when: unknown;
  event: string | null;
  points: number;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}) => ({
  id: r.id,
  object: r.object,
  name: r.name,
  when: r.when,
  event: r.event,
  points: r.points,
  active: r.active,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

async function requestRescan(db: Executor, ws: string, object: string) {
  await db
    .insertInto('scoring_rescans')
    .values({ workspace_id: ws, object, after_cursor: null, requested_at: clock.now() })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'object']).doUpdateSet({ after_cursor: null, requested_at: clock.now() }),
    )
    .execute();
}

export async function createRule(ctx: Ctx, input: RuleInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const errors: FieldError[] = [];
  const meta = await loadObject(ctx, input.object).catch(() => null);
  if (!meta) errors.push({ field: 'object', message: `No object ${input.object}` });
  else {
    if (meta.byName.get('score')?.type !== 'number')
      errors.push({ field: 'object', message: `${meta.name} has no score field` });
    errors.push(
      ...conditionErrors(meta, input.when, 'when', {
        userId: ctx.actor.userId,
        timeZone: meta.workspace.timeZone,
      }),
    );
  }
  if (input.event && input.when.length)
    errors.push({ field: 'when', message: 'A behaviour rule (event) takes no conditions' });
  if (!input.event && !input.when.length)
    errors.push({ field: 'when', message: 'Give conditions (a fit rule) or an event (a behaviour rule)' });
  if (errors.length) throw new ValidationError(errors);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('scoring_rules')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      object: meta!.name,
      name: input.name ?? null,
      when: JSON.stringify(input.when),
      event: input.event ?? null,
      points: input.points,
      active: input.active,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!input.event) await requestRescan(ctx.db, ctx.workspaceId, row.object);
  return present(row);
}

export async function deleteRule(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const r = await ctx.db
    .deleteFrom('scoring_rules')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .returning('object')
    .executeTakeFirst();
  if (!r) throw new NotFound('No such scoring rule');
  await requestRescan(ctx.db, ctx.workspaceId, r.object);
}

export async function listRules(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('scoring_rules')
    .where('workspace_id', '=', ctx.workspaceId)
    .selectAll()
    .orderBy('created_at')
    .limit(1000)
    .execute();
  return { data: rows.map(present) };
}
