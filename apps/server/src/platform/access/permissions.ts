// The permission model: per object × action a data scope, per field hidden/read-only, plus a few
// system capabilities. Roles store this document; built-in roles ship with the defaults below.
import { z } from 'zod';

export const scopes = ['none', 'own', 'team', 'unit', 'all'] as const;
export type Scope = (typeof scopes)[number];
export const actions = ['read', 'create', 'update', 'delete'] as const;
export type Action = (typeof actions)[number];
export const capabilities = [
  'manageUsers',
  'manageSchema',
  'manageWorkflows',
  'manageSettings',
  'importData',
  'exportData',
  'approve',
  'viewReports',
  'manageApiKeys',
] as const;
export type Capability = (typeof capabilities)[number];

const scopeSchema = z.enum(scopes);
export const objectPermissionSchema = z
  .object({ read: scopeSchema, create: scopeSchema, update: scopeSchema, delete: scopeSchema })
  .partial()
  .strict();
export const rolePermissionsSchema = z
  .object({
    /** Per object api name; '*' is the default for objects not listed. */
    objects: z.record(z.string(), objectPermissionSchema),
    /** Per object, per field: hidden or readOnly. */
    fields: z.record(z.string(), z.record(z.string(), z.enum(['hidden', 'readOnly']))).default({}),
    capabilities: z.array(z.enum(capabilities)).default([]),
  })
  .strict();
export type ObjectPermission = z.infer<typeof objectPermissionSchema>;
export type RolePermissions = z.infer<typeof rolePermissionsSchema>;

const all = { read: 'all', create: 'all', update: 'all', delete: 'all' } as const;
const readAll = { read: 'all', create: 'none', update: 'none', delete: 'none' } as const;
const own = { read: 'own', create: 'all', update: 'own', delete: 'own' } as const;
const team = { read: 'team', create: 'all', update: 'team', delete: 'team' } as const;
const shared = { read: 'all', create: 'all', update: 'own', delete: 'own' } as const;
const sharedTeam = { read: 'all', create: 'all', update: 'team', delete: 'team' } as const;
const workAll = { read: 'all', create: 'all', update: 'all', delete: 'none' } as const;

export interface BuiltInRole {
  key: string;
  name: string;
  permissions: RolePermissions;
}

export const builtInRoles: BuiltInRole[] = [
  {
    key: 'admin',
    name: 'Administrator',
    permissions: { objects: { '*': all }, fields: {}, capabilities: [...capabilities] },
  },
  {
    key: 'manager',
    name: 'Sales manager',
    permissions: {
      objects: { '*': team, companies: sharedTeam, contacts: sharedTeam, pipelines: readAll },
      fields: {},
      capabilities: ['approve', 'viewReports', 'exportData', 'importData'],
    },
  },
  {
    key: 'rep',
    name: 'Sales rep',
    permissions: {
      objects: { '*': own, companies: shared, contacts: shared, pipelines: readAll, tags: shared },
      fields: {},
      capabilities: [],
    },
  },
  {
    key: 'support',
    name: 'Support agent',
    permissions: {
      objects: {
        '*': readAll,
        companies: { read: 'all', create: 'none', update: 'all', delete: 'none' },
        contacts: workAll,
        activities: { read: 'all', create: 'all', update: 'own', delete: 'own' },
        commitments: { read: 'all', create: 'none', update: 'none', delete: 'none' },
        leads: { read: 'none', create: 'none', update: 'none', delete: 'none' },
      },
      fields: {},
      capabilities: [],
    },
  },
  {
    key: 'finance',
    name: 'Finance',
    permissions: {
      objects: {
        '*': readAll,
        activities: { read: 'all', create: 'all', update: 'own', delete: 'own' },
        leads: { read: 'none', create: 'none', update: 'none', delete: 'none' },
      },
      fields: {},
      capabilities: ['viewReports', 'exportData'],
    },
  },
  {
    key: 'marketing',
    name: 'Marketing',
    permissions: {
      objects: {
        '*': readAll,
        leads: all,
        contacts: workAll,
        activities: { read: 'all', create: 'all', update: 'own', delete: 'own' },
      },
      fields: {},
      capabilities: ['manageWorkflows', 'importData', 'exportData', 'viewReports'],
    },
  },
  {
    key: 'readonly',
    name: 'Read only',
    permissions: { objects: { '*': readAll }, fields: {}, capabilities: [] },
  },
];

export function scopeFor(perms: RolePermissions, object: string, action: Action): Scope {
  return perms.objects[object]?.[action] ?? perms.objects['*']?.[action] ?? 'none';
}

export function fieldAccess(
  perms: RolePermissions,
  object: string,
  field: string,
): 'hidden' | 'readOnly' | 'write' {
  return perms.fields?.[object]?.[field] ?? 'write';
}
