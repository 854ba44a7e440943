// Creates a workspace with its built-in roles and first admin, then lets every domain seed its
// defaults. Used by first-run setup, RAPPORT_ADMIN_EMAIL, `rapport admin create` and tests.
import { builtInRoles } from '../../platform/access/permissions';
import { hashPassword } from '../../platform/auth/passwords';
import type { Db } from '../../platform/db/schema';
import { newId } from '../../platform/ids';
import { runWorkspaceSeeders } from '../../platform/workspaceHooks';

export interface CreateWorkspaceInput {
  name: string;
  currency?: string;
  timeZone?: string;
  locale?: string;
  fiscalYearStartMonth?: number;
  admin: { email: string; name: string; password: string };
}

export async function createWorkspace(db: Db, input: CreateWorkspaceInput) {
  const workspaceId = newId();
  const adminUserId = newId();
  const passwordHash = await hashPassword(input.admin.password);
  const locale = input.locale ?? 'en';
  const currency = input.currency ?? 'USD';
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        name: input.name,
        currency,
        time_zone: input.timeZone ?? 'UTC',
        locale,
        fiscal_year_start_month: input.fiscalYearStartMonth ?? 1,
        settings: JSON.stringify({}),
      })
      .execute();
    const roleIds = new Map<string, string>();
    for (const r of builtInRoles) {
      const id = newId();
      roleIds.set(r.key, id);
      await tx
        .insertInto('roles')
        .values({
          workspace_id: workspaceId,
          id,
          key: r.key,
          name: r.name,
          built_in: true,
          permissions: JSON.stringify(r.permissions),
        })
        .execute();
    }
    await tx
      .insertInto('users')
      .values({
        workspace_id: workspaceId,
        id: adminUserId,
        email: input.admin.email.toLowerCase(),
        name: input.admin.name,
        password_hash: passwordHash,
        role_id: roleIds.get('admin')!,
        locale,
        active: true,
      })
      .execute();
    await runWorkspaceSeeders(tx, { workspaceId, adminUserId, locale, currency });
  });
  return { workspaceId, adminUserId };
}

export async function workspaceCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
