import { z } from 'zod';
import { displayName } from '../users/userFields';

const optionalId = z.uuid('Must be an id').nullable().optional();

export const teamBody = z
  .object({ name: displayName(120), managerId: optionalId, unitId: optionalId })
  .strict();
export type TeamInput = z.infer<typeof teamBody>;

export const teamPatch = teamBody.partial().strict();
export type TeamPatch = z.infer<typeof teamPatch>;

export const listTeamsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(100),
    after: z.string().max(2000).optional(),
    unitId: z.uuid('Must be an id').optional(),
  })
  .strict();
export type ListTeamsQuery = z.infer<typeof listTeamsQuery>;
