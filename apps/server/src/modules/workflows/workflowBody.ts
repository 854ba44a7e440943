// Request bodies of workflows: a trigger (an event, a date reached or a schedule, with conditions)
// and a list of actions, each checked against its registered schema.
import { filterSchema } from '@rapport/contracts/records';
import { z } from 'zod';
import { subscribableEvents } from '../../platform/dispatch/eventTypes';
import { durationSchema } from './durations';

export const triggerEvents = [...subscribableEvents, 'date.reached', 'schedule'] as const;

export const triggerSchema = z
  .object({
    event: z.enum(triggerEvents),
    object: z.string().min(1).max(100).optional(),
    /** Conditions on the new values (the record after the change). */
    when: z.array(filterSchema).max(20).optional(),
    /** Conditions on the old values: with `when`, a change that crosses a threshold. */
    previously: z.array(filterSchema).max(20).optional(),
    /** date.reached: the date field, and how far before (-) or after it the trigger fires. */
    field: z.string().min(1).max(200).optional(),
    offset: durationSchema({ signed: true }).optional(),
    /** schedule: five-field cron, in the workspace's time zone unless timeZone says otherwise. */
    schedule: z
      .union([
        z.string().min(9).max(100),
        z.object({ cron: z.string().min(9).max(100), timeZone: z.string().max(64).optional() }).strict(),
      ])
      .optional(),
  })
  .strict();
export type Trigger = z.infer<typeof triggerSchema>;

export const actionSchema = z.object({ type: z.string().min(1).max(50) }).passthrough();

export const createWorkflowBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    active: z.boolean().default(true),
    trigger: triggerSchema,
    actions: z.array(actionSchema).min(1).max(20),
  })
  .strict();
export type CreateWorkflowInput = z.infer<typeof createWorkflowBody>;

export const updateWorkflowBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullable().optional(),
    active: z.boolean().optional(),
    trigger: triggerSchema.optional(),
    actions: z.array(actionSchema).min(1).max(20).optional(),
  })
  .strict();
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowBody>;
