// Request bodies of approval processes and of submitting and deciding.
import { filterSchema } from '@rapport/contracts/records';
import { z } from 'zod';
import { isUuid } from '../../platform/ids';

export const approverSchema = z
  .string()
  .max(100)
  .refine(
    (a) =>
      a === 'ownerManager' || /^role:[\w-]{1,50}$/.test(a) || (a.startsWith('user:') && isUuid(a.slice(5))),
    'Use ownerManager, role:<key> or user:<id>',
  );

export const createProcessBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    object: z.string().min(1).max(100),
    entryCriteria: z.array(filterSchema).max(20).default([]),
    steps: z
      .array(z.object({ approver: approverSchema }).strict())
      .min(1)
      .max(10),
    /** Fields that may not change while a request is pending; all fields when left out. */
    lockedFields: z.array(z.string().min(1).max(200)).max(100).optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateProcessInput = z.infer<typeof createProcessBody>;

export const submitBody = z
  .object({ processId: z.string().uuid().optional(), comment: z.string().max(5000).optional() })
  .strict();

export const decideBody = z.object({ comment: z.string().max(5000).optional() }).strict();

/** A change to a process; its object stays (make a new process for another object). */
export const updateProcessBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    entryCriteria: z.array(filterSchema).max(20).optional(),
    steps: z
      .array(z.object({ approver: approverSchema }).strict())
      .min(1)
      .max(10)
      .optional(),
    /** null: every field is locked while pending. */
    lockedFields: z.array(z.string().min(1).max(200)).max(100).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateProcessInput = z.infer<typeof updateProcessBody>;
