// Roles: every signed-in user reads the list (names for pickers); user admins (manageUsers) also
// see and change the permission documents, within the permissions they hold themselves.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasCapability, requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { createRole, deleteRole, getRole, listRoles, presentRole, updateRole } from './roles';
import { createRoleBody, roleParams, updateRoleBody } from './schemas';

export const roleRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roles'];

  r.get(
    '/roles',
    { schema: { tags, summary: 'List roles (with permissions for user admins)' } },
    async (req) => {
      const ctx = ctxOf(req);
      const full = hasCapability(ctx.actor, 'manageUsers');
      return { data: (await listRoles(ctx)).map((role) => presentRole(role, full)), nextCursor: null };
    },
  );

  r.get(
    '/roles/:idOrKey',
    { schema: { tags, summary: 'One role, by id or key', params: roleParams } },
    async (req) => {
      const ctx = ctxOf(req);
      return presentRole(await getRole(ctx, req.params.idOrKey), hasCapability(ctx.actor, 'manageUsers'));
    },
  );

  r.post(
    '/roles',
    { schema: { tags, summary: 'Create a custom role (manageUsers)', body: createRoleBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      const role = presentRole(await createRole(ctx, req.body), true);
      return reply.status(201).header('location', `/api/v1/roles/${role.id}`).send(role);
    },
  );

  r.patch(
    '/roles/:idOrKey',
    {
      schema: {
        tags,
        summary: 'Rename a role or change its permissions (manageUsers)',
        params: roleParams,
        body: updateRoleBody,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      return presentRole(await updateRole(ctx, req.params.idOrKey, req.body), true);
    },
  );

  r.delete(
    '/roles/:idOrKey',
    { schema: { tags, summary: 'Delete a custom role nobody has (manageUsers)', params: roleParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      await deleteRole(ctx, req.params.idOrKey);
      return reply.status(204).send();
    },
  );
};
