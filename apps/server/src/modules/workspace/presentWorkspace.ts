import { isoTime } from '../users/timestamps';
import type { Executor } from '../../platform/db/schema';
import { NotFound } from '../../platform/errors';

/** Days a soft-deleted record stays in the recycle bin before the purge job removes it. */
export const DEFAULT_RECYCLE_BIN_DAYS = 90;

export async function loadWorkspace(db: Executor, workspaceId: string) {
  const ws = await db
    .selectFrom('workspaces')
    .where('id', '=', workspaceId)
    .select([
      'id',
      'name',
      'currency',
      'time_zone',
      'locale',
      'fiscal_year_start_month',
      'settings',
      'created_at',
    ])
    .executeTakeFirst();
  if (!ws) throw new NotFound('No such workspace');
  return ws;
}
type WorkspaceRow = Awaited<ReturnType<typeof loadWorkspace>>;

export function recycleBinDays(settings: Record<string, unknown> | null | undefined): number {
  const v = settings?.recycleBinRetentionDays;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_RECYCLE_BIN_DAYS;
}

/** For the purge job and the recycle bin: how long this workspace keeps deleted records. */
export async function recycleBinRetentionDays(db: Executor, workspaceId: string): Promise<number> {
  return recycleBinDays((await loadWorkspace(db, workspaceId)).settings);
}

export function presentWorkspace(ws: WorkspaceRow) {
  return {
    id: ws.id,
    name: ws.name,
    currency: ws.currency.trim(),
    timeZone: ws.time_zone,
    locale: ws.locale,
    fiscalYearStartMonth: ws.fiscal_year_start_month,
    recycleBinRetentionDays: recycleBinDays(ws.settings),
    createdAt: isoTime(ws.created_at),
  };
}
