// The audit log for admins (manageUsers): newest first, keyset-paged by id (UUIDv7 is time
// ordered), filtered by actor, action or target on the indexes of migrations 0001 and 0010.
import { isoTime } from '../users/timestamps';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { fieldError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/http/keysetCursor';
import { isUuid } from '../../platform/ids';
import { auditActionLabel } from './actionLabels';

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: z.string().max(2000).optional(),
    actorId: z.uuid('Must be an id').optional(),
    action: z.string().min(1).max(100).optional(),
    targetType: z.string().min(1).max(50).optional(),
    targetId: z.uuid('Must be an id').optional(),
  })
  .strict();

export const auditLogRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit-log',
    {
      schema: {
        tags: ['audit log'],
        summary: 'Who changed users, roles, keys, sessions and settings (manageUsers)',
        querystring: query,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageUsers');
      const p = req.query;
      let q = ctx.db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', (j) =>
          j.onRef('u.workspace_id', '=', 'a.workspace_id').onRef('u.id', '=', 'a.actor_id'),
        )
        .where('a.workspace_id', '=', ctx.workspaceId)
        .select([
          'a.id',
          'a.actor_id',
          'u.name as actor_name',
          'a.action',
          'a.target_type',
          'a.target_id',
          'a.details',
          'a.created_at',
        ]);
      if (p.actorId) q = q.where('a.actor_id', '=', p.actorId);
      if (p.action) q = q.where('a.action', '=', p.action);
      if (p.targetType) q = q.where('a.target_type', '=', p.targetType);
      if (p.targetId) q = q.where('a.target_id', '=', p.targetId);
      if (p.after) {
        const [id] = decodeCursor(p.after, 1);
        if (!isUuid(id)) throw fieldError('after', 'The cursor is not valid');
        q = q.where('a.id', '<', id);
      }
      const rows = await q
        .orderBy('a.id', 'desc')
        .limit(p.limit + 1)
        .execute();
      const page = rows.slice(0, p.limit);
      const last = page.at(-1);
      return {
        data: page.map((a) => ({
          id: a.id,
          action: a.action,
          label: auditActionLabel(a.action),
          actorId: a.actor_id,
          actorName: a.actor_name,
          targetType: a.target_type,
          targetId: a.target_id,
          details: a.details,
          createdAt: isoTime(a.created_at),
        })),
        nextCursor: rows.length > p.limit && last ? encodeCursor([last.id]) : null,
      };
    },
  );
};
