// Request bodies of sequences. `delay` is the wait after the previous step (the first step's wait
// counts from enrolment), so the R17 cadence day 0 → 1 → 3 → 5 is delays P0D, P1D, P2D, P2D.
import { z } from 'zod';
import { durationSchema } from '../workflows/durations';
import { assigneeSchema } from '../workflows/actions/assignee';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 09:00');

export const stepSchema = z
  .object({
    type: z.enum(['email', 'letter', 'task', 'call']),
    delay: durationSchema(),
    subject: z.string().trim().min(1).max(500),
    body: z.string().max(200_000).optional(),
    format: z.enum(['text', 'html']).optional(),
    assignTo: assigneeSchema.optional(),
  })
  .strict()
  .refine((s) => s.type !== 'email' || Boolean(s.body?.trim()), {
    message: 'An email step needs a body',
    path: ['body'],
  });

export const businessHoursSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: hhmm,
    end: hhmm,
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'Unknown time zone')
      .optional(),
  })
  .strict()
  .refine((b) => b.start < b.end, { message: 'start must be before end', path: ['end'] });

export const stopReasons = ['reply', 'converted', 'unsubscribed'] as const;

export const createSequenceBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    /** Start from a ready template (GET /sequence-templates) instead of giving steps. */
    template: z.string().max(50).optional(),
    steps: z.array(stepSchema).min(1).max(30).optional(),
    stopOn: z.array(z.enum(stopReasons)).max(3).optional(),
    /** Email steps wait for these hours; null sends at any time. Default Mon–Fri 09:00–18:00. */
    businessHours: businessHoursSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type CreateSequenceInput = z.infer<typeof createSequenceBody>;

export const updateSequenceBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(2000).nullable().optional(),
    steps: z.array(stepSchema).min(1).max(30).optional(),
    stopOn: z.array(z.enum(stopReasons)).max(3).optional(),
    businessHours: businessHoursSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateSequenceInput = z.infer<typeof updateSequenceBody>;

export const enrollBody = z.object({ object: z.string().min(1).max(100), id: z.string().uuid() }).strict();
