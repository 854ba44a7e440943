// Users: admins (capability manageUsers) create, edit and deactivate them; every signed-in user
// reads the directory of colleagues (id, name, email, team) that owner pickers need.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasCapability, requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { NotFound } from '../../platform/errors';
import { createUser } from './createUser';
import { listUsers } from './listUsers';
import { findUser, presentDirectoryEntry, presentUser } from './presentUser';
import { createUserBody, idParams, listUsersQuery, updateUserBody } from './schemas';
import { updateUser } from './updateUser';

export const userRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (the full record for user admins, the directory entry for everyone else)',
        querystring: listUsersQuery,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const full = hasCapability(ctx.actor, 'manageUsers');
      const { rows, nextCursor } = await listUsers(ctx, req.query);
      return { data: rows.map(full ? presentUser : presentDirectoryEntry), nextCursor };
    },
  );

  r.get('/users/:id', { schema: { tags: ['users'], summary: 'One user', params: idParams } }, async (req) => {
    const ctx = ctxOf(req);
    const user = await findUser(ctx.db, ctx.workspaceId, req.params.id);
    if (!user) throw new NotFound('No user with this id');
    return hasCapability(ctx.actor, 'manageUsers') ? presentUser(user) : presentDirectoryEntry(user);
  });

  r.post(
    '/users',
    { schema: { tags: ['users'], summary: 'Create a user (manageUsers)', body: createUserBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      const user = await createUser(ctx, req.body);
      return reply.status(201).header('location', `/api/v1/users/${user.id}`).send(presentUser(user));
    },
  );

  r.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary:
          'Edit, reset the password of, deactivate ({active:false}) or reactivate a user (manageUsers)',
        params: idParams,
        body: updateUserBody,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      return presentUser(await updateUser(ctx, req.params.id, req.body));
    },
  );
};
