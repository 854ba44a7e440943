import { z } from 'zod';
import { rolePermissionsSchema } from '../../platform/access/permissions';
import { isUuid } from '../../platform/ids';
import { displayName } from '../users/userFields';

const apiName = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;

/** The permission document, plus names that can be objects and fields at all. */
export const permissionsBody = rolePermissionsSchema.superRefine((p, ctx) => {
  for (const object of Object.keys(p.objects)) {
    if (object !== '*' && !apiName.test(object))
      ctx.addIssue({ code: 'custom', path: ['objects', object], message: 'Not an object api name (or "*")' });
  }
  for (const [object, fields] of Object.entries(p.fields)) {
    if (!apiName.test(object))
      ctx.addIssue({ code: 'custom', path: ['fields', object], message: 'Not an object api name' });
    for (const field of Object.keys(fields)) {
      if (!apiName.test(field))
        ctx.addIssue({ code: 'custom', path: ['fields', object, field], message: 'Not a field api name' });
    }
  }
});

export const labelBody = z.object({ en: displayName(100), 'zh-CN': displayName(100) }).strict();

export const roleKey = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{1,49}$/, 'Use 2–50 lowercase letters, digits, "-" or "_", starting with a letter')
  .refine((k) => !isUuid(k), 'A key cannot look like an id');

export const createRoleBody = z
  .object({ key: roleKey, name: displayName(100), label: labelBody.optional(), permissions: permissionsBody })
  .strict();
export type CreateRoleInput = z.infer<typeof createRoleBody>;

export const updateRoleBody = z
  .object({ name: displayName(100), label: labelBody.nullable(), permissions: permissionsBody })
  .partial()
  .strict();
export type UpdateRoleInput = z.infer<typeof updateRoleBody>;

export const roleParams = z.object({ idOrKey: z.string().min(1).max(60) }).strict();
