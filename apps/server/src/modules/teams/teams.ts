// Teams: the "team" data scope. A user joins a team through their teamId; the team's manager
// also sees the team's records. A team with members cannot be deleted (move them first).
import { isoTime } from '../users/timestamps';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import { Conflict, fieldError, NotFound, type FieldError, ValidationError } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/http/keysetCursor';
import { isUuid, newId } from '../../platform/ids';
import { isUniqueViolation } from '../users/uniqueEmail';
import type { ListTeamsQuery, TeamInput, TeamPatch } from './schemas';

const nameTaken = () =>
  new Conflict('A team with this name already exists', [{ field: 'name', message: 'Already in use' }]);

function selectTeams(ctx: Ctx) {
  return ctx.db
    .selectFrom('teams as t')
    .where('t.workspace_id', '=', ctx.workspaceId)
    .select(['t.id', 't.name', 't.manager_id', 't.unit_id', 't.created_at'])
    .select(
      sql<number>`(select count(*) from users m where m.workspace_id = t.workspace_id and m.team_id = t.id)`.as(
        'member_count',
      ),
    );
}
type TeamRow = Awaited<ReturnType<ReturnType<typeof selectTeams>['executeTakeFirstOrThrow']>>;

export const presentTeam = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  managerId: t.manager_id,
  unitId: t.unit_id,
  memberCount: Number(t.member_count),
  createdAt: isoTime(t.created_at),
});

export async function findTeam(ctx: Ctx, id: string) {
  const t = await selectTeams(ctx).where('t.id', '=', id).executeTakeFirst();
  if (!t) throw new NotFound('No team with this id');
  return t;
}

export async function listTeams(ctx: Ctx, query: ListTeamsQuery) {
  let q = selectTeams(ctx);
  if (query.unitId) q = q.where('t.unit_id', '=', query.unitId);
  if (query.after) {
    const [name, id] = decodeCursor(query.after, 2);
    if (typeof name !== 'string' || !isUuid(id)) throw fieldError('after', 'The cursor is not valid');
    q = q.where((eb) => eb(eb.refTuple('t.name', 't.id'), '>', eb.tuple(name, id)));
  }
  const rows = await q
    .orderBy('t.name')
    .orderBy('t.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentTeam),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

async function checkRefs(ctx: Ctx, input: TeamPatch) {
  const errors: FieldError[] = [];
  if (input.managerId) {
    const u = await ctx.db
      .selectFrom('users')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', input.managerId)
      .select('id')
      .executeTakeFirst();
    if (!u) errors.push({ field: 'managerId', message: 'No user with this id' });
  }
  if (input.unitId) {
    const bu = await ctx.db
      .selectFrom('business_units')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', input.unitId)
      .select('id')
      .executeTakeFirst();
    if (!bu) errors.push({ field: 'unitId', message: 'No business unit with this id' });
  }
  if (errors.length) throw new ValidationError(errors);
}

async function withNameCheck<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function createTeam(ctx: Ctx, input: TeamInput) {
  await checkRefs(ctx, input);
  const id = newId();
  await withNameCheck(() =>
    ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('teams')
        .values({
          workspace_id: ctx.workspaceId,
          id,
          name: input.name,
          manager_id: input.managerId ?? null,
          unit_id: input.unitId ?? null,
        })
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'team.created',
        targetType: 'team',
        targetId: id,
        details: { ...input },
      });
    }),
  );
  return findTeam(ctx, id);
}

export async function updateTeam(ctx: Ctx, id: string, patch: TeamPatch) {
  const before = await findTeam(ctx, id);
  await checkRefs(ctx, patch);
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.managerId !== undefined) set.manager_id = patch.managerId;
  if (patch.unitId !== undefined) set.unit_id = patch.unitId;
  if (!Object.keys(set).length) return before;
  await withNameCheck(() =>
    ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('teams')
        .set(set)
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'team.updated',
        targetType: 'team',
        targetId: id,
        details: {
          from: { name: before.name, managerId: before.manager_id, unitId: before.unit_id },
          to: patch,
        },
      });
    }),
  );
  return findTeam(ctx, id);
}

export async function deleteTeam(ctx: Ctx, id: string) {
  const team = await findTeam(ctx, id);
  if (Number(team.member_count) > 0) {
    throw new Conflict(`The team still has ${team.member_count} member(s); move them to another team first`);
  }
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('teams').where('workspace_id', '=', ctx.workspaceId).where('id', '=', id).execute();
      await writeAudit(tx, ctx.actor, {
        action: 'team.deleted',
        targetType: 'team',
        targetId: id,
        details: { name: team.name },
      });
    });
  } catch (err) {
    // Records owned by the team (deals, cases, …) still point at it.
    if ((err as { code?: string }).code === '23503')
      throw new Conflict('Records still belong to this team; reassign them first');
    throw err;
  }
}
