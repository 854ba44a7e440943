// Every record with an owner also carries the owner's team and business unit (filled from the
// owner unless the request names them), so team and unit scopes are plain indexed columns.
import { sql } from 'kysely';
import { scopeOf } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { Forbidden } from '../../../platform/errors';
import type { WriteState } from '../meta/types';

/** An owner's team and unit, remembered across the rows of one batch (null: no such user). */
export type OwnerCache = Map<string, { team: string | null; unit: string | null } | null>;

export async function applyOwnership(ctx: Ctx, w: WriteState, cache?: OwnerCache): Promise<void> {
  const { next, given, old } = w;
  if (w.op === 'create' && !given.has('ownerId')) next.ownerId = ctx.actor.userId;
  const ownerChanged = w.op === 'create' || (given.has('ownerId') && next.ownerId !== old?.ownerId);
  if (!ownerChanged) return;
  // A role that may only update its own records may not hand records to someone else.
  if (
    next.ownerId !== ctx.actor.userId &&
    ctx.actor.kind !== 'system' &&
    scopeOf(ctx.actor, w.meta.name, 'update') === 'own' &&
    given.has('ownerId')
  ) {
    throw new Forbidden('You may only assign records to yourself');
  }
  if (given.has('teamId') && given.has('unitId')) return;
  let team: string | null = null;
  let unit: string | null = null;
  if (typeof next.ownerId === 'string') {
    const known = cache?.get(next.ownerId);
    if (known !== undefined) {
      if (!known) {
        w.errors.push({ field: 'ownerId', message: `No user with id ${next.ownerId}` });
        return;
      }
      if (!given.has('teamId')) next.teamId = known.team;
      if (!given.has('unitId')) next.unitId = known.unit;
      return;
    }
    const res = await sql<{ team_id: string | null; unit_id: string | null; team_unit: string | null }>`
      SELECT u.team_id, u.unit_id, t.unit_id AS team_unit FROM users u
      LEFT JOIN teams t ON t.workspace_id = u.workspace_id AND t.id = u.team_id
      WHERE u.workspace_id = ${ctx.workspaceId} AND u.id = ${next.ownerId}`.execute(ctx.db);
    const u = res.rows[0];
    cache?.set(next.ownerId, u ? { team: u.team_id, unit: u.unit_id ?? u.team_unit } : null);
    if (!u) {
      w.errors.push({ field: 'ownerId', message: `No user with id ${next.ownerId}` });
      return;
    }
    team = u.team_id;
    unit = u.unit_id ?? u.team_unit;
  }
  if (!given.has('teamId')) next.teamId = team;
  if (!given.has('unitId')) next.unitId = unit;
}
