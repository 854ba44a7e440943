// Request schemas of the user admin routes. `role` is a role key (admin, rep, or a custom key).
import { z } from 'zod';
import { localeCode, timeZoneName } from '../workspace/localeFields';
import { displayName, emailAddress, newPassword } from './userFields';

const roleKey = z.string().min(1).max(50);
const optionalId = z.uuid('Must be an id').nullable().optional();

export const createUserBody = z
  .object({
    email: emailAddress,
    name: displayName(),
    password: newPassword,
    role: roleKey,
    teamId: optionalId,
    unitId: optionalId,
    managerId: optionalId,
    locale: localeCode.nullable().optional(),
    timeZone: timeZoneName.nullable().optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    email: emailAddress,
    name: displayName(),
    /** An admin's reset: the user's sessions end, they sign in with the new password. */
    password: newPassword,
    role: roleKey,
    teamId: optionalId,
    unitId: optionalId,
    managerId: optionalId,
    locale: localeCode.nullable(),
    timeZone: timeZoneName.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listUsersQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z.string().max(2000).optional(),
    q: z.string().trim().max(200).optional(),
    active: boolParam.optional(),
    role: roleKey.optional(),
    teamId: z.uuid('Must be an id').optional(),
    unitId: z.uuid('Must be an id').optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const idParams = z.object({ id: z.uuid('Must be an id') }).strict();
