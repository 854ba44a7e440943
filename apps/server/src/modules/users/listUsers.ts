// The user list, keyset-paged by (name, id) on users_name_idx; q matches name or email by
// substring (the trigram index users_search_idx serves it from three characters on).
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { fieldError } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { decodeCursor, encodeCursor } from '../../platform/http/keysetCursor';
import { selectUsers, type UserRow } from './presentUser';
import type { ListUsersQuery } from './schemas';

/** Escapes LIKE wildcards so "50%" and "a_b" mean themselves. */
export const likeContains = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The page query (one row more than asked, to know whether another page follows). */
export function userPageQuery(ctx: Ctx, query: ListUsersQuery) {
  let q = selectUsers(ctx.db, ctx.workspaceId);
  if (query.q) q = q.where(sql<string>`lower(u.name || ' ' || u.email)`, 'like', likeContains(query.q));
  if (query.active !== undefined) q = q.where('u.active', '=', query.active);
  if (query.role) q = q.where('r.key', '=', query.role);
  if (query.teamId) q = q.where('u.team_id', '=', query.teamId);
  if (query.unitId) q = q.where('u.unit_id', '=', query.unitId);
  if (query.after) {
    const [name, id] = decodeCursor(query.after, 2);
    if (typeof name !== 'string' || !isUuid(id)) throw fieldError('after', 'The cursor is not valid');
    q = q.where((eb) => eb(eb.refTuple('u.name', 'u.id'), '>', eb.tuple(name, id)));
  }
  return q
    .orderBy('u.name')
    .orderBy('u.id')
    .limit(query.limit + 1);
}

export async function listUsers(
  ctx: Ctx,
  query: ListUsersQuery,
): Promise<{ rows: UserRow[]; nextCursor: string | null }> {
  const rows = await userPageQuery(ctx, query).execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
}
