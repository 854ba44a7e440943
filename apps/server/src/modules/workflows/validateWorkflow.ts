// Checks a workflow against the workspace before it is saved: the object exists, condition fields
// and values fit it, a date trigger names a date field, a schedule parses, and every action's config
// fits its schema and the object. Problems come back as field errors with their paths.
import cronParser from 'cron-parser';
import { zodIssuesToFieldErrors } from '../../platform/http/validation';
import type { Ctx } from '../../platform/context';
import { type FieldError, ValidationError } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import type { LoadedObject } from '../records/meta/types';
import { type CheckEnv, actionDef, actionTypes } from './actionRegistry';
import { conditionErrors } from './conditions';
import type { Trigger } from './workflowBody';

const RECORD_EVENTS = new Set(['record.created', 'record.updated', 'record.deleted', 'record.restored']);

export interface CheckedWorkflow {
  meta: LoadedObject | null;
  actions: Record<string, unknown>[];
}

export function scheduleOf(t: Trigger): { cron: string; timeZone?: string } | null {
  if (!t.schedule) return null;
  return typeof t.schedule === 'string' ? { cron: t.schedule } : t.schedule;
}

async function objectMeta(ctx: Ctx, name: string | undefined): Promise<LoadedObject | null> {
  if (!name) return null;
  try {
    return await loadObject(ctx, name);
  } catch {
    return null;
  }
}

export async function checkWorkflow(
  ctx: Ctx,
  trigger: Trigger,
  rawActions: Record<string, unknown>[],
  env: CheckEnv,
): Promise<CheckedWorkflow> {
  const errors: FieldError[] = [];
  const meta = await objectMeta(ctx, trigger.object);
  if (trigger.object && !meta)
    errors.push({ field: 'trigger.object', message: `No object ${trigger.object}` });
  const needsObject =
    RECORD_EVENTS.has(trigger.event) || trigger.event === 'date.reached' || trigger.event === 'stage.changed';
  if (needsObject && !trigger.object && trigger.event !== 'stage.changed')
    errors.push({ field: 'trigger.object', message: `A ${trigger.event} trigger names its object` });
  if (trigger.event === 'stage.changed' && trigger.object && trigger.object !== 'deals')
    errors.push({ field: 'trigger.object', message: 'Stages belong to deals' });
  const stageMeta = trigger.event === 'stage.changed' ? (meta ?? (await objectMeta(ctx, 'deals'))) : meta;
  const tc = { userId: ctx.actor.userId, timeZone: stageMeta?.workspace.timeZone ?? 'UTC' };
  if (stageMeta) {
    const withStages = trigger.event === 'stage.changed' ? stageWithMoves(stageMeta) : stageMeta;
    errors.push(...conditionErrors(withStages, trigger.when ?? [], 'trigger.when', tc));
    errors.push(...conditionErrors(withStages, trigger.previously ?? [], 'trigger.previously', tc));
  } else if (trigger.when?.length || trigger.previously?.length) {
    if (!['email.received', 'form.submitted'].includes(trigger.event))
      errors.push({ field: 'trigger.when', message: 'Conditions need a trigger object' });
  }
  if (trigger.previously?.length && trigger.event !== 'record.updated')
    errors.push({
      field: 'trigger.previously',
      message: 'previously applies to record.updated (old values)',
    });
  if (trigger.event === 'date.reached') {
    const f = trigger.field ? meta?.byName.get(trigger.field) : undefined;
    if (!trigger.field) errors.push({ field: 'trigger.field', message: 'Name the date field' });
    else if (meta && (!f || (f.type !== 'date' && f.type !== 'dateTime')))
      errors.push({
        field: 'trigger.field',
        message: `${trigger.field} is not a date field of ${meta.name}`,
      });
  } else if (trigger.field || trigger.offset) {
    errors.push({ field: 'trigger.field', message: 'field and offset belong to date.reached triggers' });
  }
  const sched = scheduleOf(trigger);
  if (trigger.event === 'schedule') {
    if (!sched) errors.push({ field: 'trigger.schedule', message: 'Give a cron schedule, e.g. "0 9 * * 1"' });
    else {
      try {
        if (sched.cron.trim().split(/\s+/).length !== 5) throw new Error('five fields');
        cronParser.parseExpression(sched.cron, { tz: sched.timeZone ?? tc.timeZone });
      } catch {
        errors.push({
          field: 'trigger.schedule',
          message: 'Not a five-field cron expression (or an unknown time zone)',
        });
      }
    }
  } else if (sched)
    errors.push({ field: 'trigger.schedule', message: 'schedule belongs to schedule triggers' });

  const actions: Record<string, unknown>[] = [];
  for (const [i, raw] of rawActions.entries()) {
    const path = `actions.${i}`;
    const def = actionDef(String(raw.type));
    if (!def) {
      errors.push({
        field: `${path}.type`,
        message: `Unknown action; use one of ${actionTypes().join(', ')}`,
      });
      continue;
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      errors.push(
        ...zodIssuesToFieldErrors(parsed.error.issues as never).map((e) => ({
          ...e,
          field: `${path}.${e.field}`,
        })),
      );
      continue;
    }
    const recordless = !trigger.object && trigger.event !== 'stage.changed';
    if (def.needsRecord && recordless)
      errors.push({ field: `${path}.type`, message: `${def.type} needs a trigger with an object` });
    if (def.check) errors.push(...(await def.check(ctx, parsed.data, stageMeta, path, env)));
    actions.push(parsed.data as Record<string, unknown>);
  }
  if (errors.length) throw new ValidationError(errors);
  return { meta: stageMeta, actions };
}

/** Deals as a stage.changed trigger sees them: the deal plus fromStageId / toStageId. */
export function stageWithMoves(meta: LoadedObject): LoadedObject {
  const stage = meta.byName.get('stageId');
  if (!stage) return meta;
  const byName = new Map(meta.byName);
  byName.set('fromStageId', { ...stage, name: 'fromStageId' });
  byName.set('toStageId', { ...stage, name: 'toStageId' });
  return { ...meta, byName };
}
