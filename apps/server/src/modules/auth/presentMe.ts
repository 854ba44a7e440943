import type { Actor } from '../../platform/access/actor';
import type { LoadedUser } from '../../platform/auth/loadActor';
import type { Executor } from '../../platform/db/schema';

export async function presentMe(
  db: Executor,
  loaded: { actor: Actor; user: LoadedUser },
  csrfToken: string | null,
) {
  const ws = await db
    .selectFrom('workspaces')
    .where('id', '=', loaded.actor.workspaceId)
    .select(['id', 'name', 'currency', 'time_zone', 'locale', 'fiscal_year_start_month'])
    .executeTakeFirstOrThrow();
  const { user, actor } = loaded;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.roleKey,
      locale: actor.locale,
      active: user.active,
    },
    workspace: {
      id: ws.id,
      name: ws.name,
      currency: ws.currency,
      timeZone: ws.time_zone,
      locale: ws.locale,
      fiscalYearStartMonth: ws.fiscal_year_start_month,
    },
    permissions: actor.permissions,
    csrfToken,
  };
}
