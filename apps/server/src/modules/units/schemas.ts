import { z } from 'zod';
import { displayName } from '../users/userFields';
import { currencyCode } from '../workspace/localeFields';

export const unitBody = z
  .object({
    name: displayName(120),
    currency: currencyCode,
    parentId: z.uuid('Must be an id').nullable().optional(),
  })
  .strict();
export type UnitInput = z.infer<typeof unitBody>;

export const unitPatch = unitBody.partial().strict();
export type UnitPatch = z.infer<typeof unitPatch>;

export const listUnitsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(100),
    after: z.string().max(2000).optional(),
    parentId: z.uuid('Must be an id').optional(),
  })
  .strict();
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;
