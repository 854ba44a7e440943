// Business units: subsidiaries with their own currency, above teams. A unit's "unit" scope covers
// the units below it, so the tree must stay a tree: no unit becomes its own ancestor.
import { isoTime } from '../users/timestamps';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/writeAudit';
import type { Ctx } from '../../platform/context';
import { Conflict, fieldError, NotFound, Unprocessable } from '../../platform/errors';
import { decodeCursor, encodeCursor } from '../../platform/http/keysetCursor';
import { isUuid, newId } from '../../platform/ids';
import { isUniqueViolation } from '../users/uniqueEmail';
import type { ListUnitsQuery, UnitInput, UnitPatch } from './schemas';

function selectUnits(ctx: Ctx) {
  return ctx.db
    .selectFrom('business_units as b')
    .where('b.workspace_id', '=', ctx.workspaceId)
    .select(['b.id', 'b.name', 'b.currency', 'b.parent_id', 'b.created_at']);
}
type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['executeTakeFirstOrThrow']>>;

export const presentUnit = (u: UnitRow) => ({
  id: u.id,
  name: u.name,
  currency: u.currency.trim(),
  parentId: u.parent_id,
  createdAt: isoTime(u.created_at),
});

export async function findUnit(ctx: Ctx, id: string) {
  const u = await selectUnits(ctx).where('b.id', '=', id).executeTakeFirst();
  if (!u) throw new NotFound('No business unit with this id');
  return u;
}

export async function listUnits(ctx: Ctx, query: ListUnitsQuery) {
  let q = selectUnits(ctx);
  if (query.parentId) q = q.where('b.parent_id', '=', query.parentId);
  if (query.after) {
    const [name, id] = decodeCursor(query.after, 2);
    if (typeof name !== 'string' || !isUuid(id)) throw fieldError('after', 'The cursor is not valid');
    q = q.where((eb) => eb(eb.refTuple('b.name', 'b.id'), '>', eb.tuple(name, id)));
  }
  const rows = await q
    .orderBy('b.name')
    .orderBy('b.id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentUnit),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

const nameTaken = () =>
  new Conflict('A business unit with this name already exists', [
    { field: 'name', message: 'Already in use' },
  ]);

async function checkParent(ctx: Ctx, parentId: string, unitId?: string) {
  await findUnit(ctx, parentId).catch(() => {
    throw fieldError('parentId', 'No business unit with this id');
  });
  if (!unitId) return;
  if (parentId === unitId)
    throw new Unprocessable('A unit cannot be its own parent', [
      { field: 'parentId', message: 'Would create a loop' },
    ]);
  const r = await sql<{ found: boolean }>`
    with recursive up(id, depth) as (
      select parent_id, 1 from business_units where workspace_id = ${ctx.workspaceId} and id = ${parentId}
      union all
      select b.parent_id, up.depth + 1 from business_units b join up on b.id = up.id
      where b.workspace_id = ${ctx.workspaceId} and up.depth < 100
    ) select exists(select 1 from up where id = ${unitId}) as found`.execute(ctx.db);
  if (r.rows[0]?.found) {
    throw new Unprocessable('The new parent sits below this unit: that would be a loop', [
      { field: 'parentId', message: 'Would create a loop' },
    ]);
  }
}

export async function createUnit(ctx: Ctx, input: UnitInput) {
  if (input.parentId) await checkParent(ctx, input.parentId);
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('business_units')
        .values({
          workspace_id: ctx.workspaceId,
          id,
          name: input.name,
          currency: input.currency,
          parent_id: input.parentId ?? null,
        })
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'unit.created',
        targetType: 'businessUnit',
        targetId: id,
        details: { ...input },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return findUnit(ctx, id);
}

export async function updateUnit(ctx: Ctx, id: string, patch: UnitPatch) {
  const before = await findUnit(ctx, id);
  if (patch.parentId) await checkParent(ctx, patch.parentId, id);
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.currency !== undefined) set.currency = patch.currency;
  if (patch.parentId !== undefined) set.parent_id = patch.parentId;
  if (!Object.keys(set).length) return before;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('business_units')
        .set(set)
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'unit.updated',
        targetType: 'businessUnit',
        targetId: id,
        details: { from: presentUnit(before), to: patch },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
  return findUnit(ctx, id);
}

export async function deleteUnit(ctx: Ctx, id: string) {
  const unit = await findUnit(ctx, id);
  const r = await sql<{ children: number; teams: number; users: number }>`
    select
      (select count(*) from business_units where workspace_id = ${ctx.workspaceId} and parent_id = ${id})::int as children,
      (select count(*) from teams where workspace_id = ${ctx.workspaceId} and unit_id = ${id})::int as teams,
      (select count(*) from users where workspace_id = ${ctx.workspaceId} and unit_id = ${id})::int as users`.execute(
    ctx.db,
  );
  const use = r.rows[0]!;
  const inUse = [
    use.children && `${use.children} sub-unit(s)`,
    use.teams && `${use.teams} team(s)`,
    use.users && `${use.users} user(s)`,
  ].filter(Boolean);
  if (inUse.length) throw new Conflict(`The business unit still has ${inUse.join(', ')}; move them first`);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('business_units')
        .where('workspace_id', '=', ctx.workspaceId)
        .where('id', '=', id)
        .execute();
      await writeAudit(tx, ctx.actor, {
        action: 'unit.deleted',
        targetType: 'businessUnit',
        targetId: id,
        details: { name: unit.name },
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23503')
      throw new Conflict('Records still belong to this business unit; reassign them first');
    throw err;
  }
}
