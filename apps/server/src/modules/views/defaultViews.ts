// The views a CRM ships with, shared with everyone in the workspace, in both languages. Their
// filters use relative values (@me, @startOfMonth, …) so they stay true every day.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { newId } from '../../platform/ids';

export interface BuiltInView {
  key: string;
  object: string;
  labels: { en: string; 'zh-CN': string };
  filters: unknown[];
  sort: { field: string; direction: 'asc' | 'desc' }[];
  columns: string[];
}

export const builtInViews: BuiltInView[] = [
  {
    key: 'myOpenDeals',
    object: 'deals',
    labels: { en: 'My open deals', 'zh-CN': '我的进行中商机' },
    filters: [
      { field: 'ownerId', op: 'eq', value: '@me' },
      { field: 'status', op: 'eq', value: 'open' },
    ],
    sort: [{ field: 'closeDate', direction: 'asc' }],
    columns: ['name', 'companyId', 'amount', 'stageId', 'closeDate', 'probability'],
  },
  {
    key: 'dealsClosingThisMonth',
    object: 'deals',
    labels: { en: 'Deals closing this month', 'zh-CN': '本月预计成交的商机' },
    filters: [
      { field: 'status', op: 'eq', value: 'open' },
      { field: 'closeDate', op: 'between', value: ['@startOfMonth', '@endOfMonth'] },
    ],
    sort: [{ field: 'closeDate', direction: 'asc' }],
    columns: ['name', 'companyId', 'amount', 'stageId', 'closeDate', 'ownerId'],
  },
  {
    key: 'contactsNotContacted30Days',
    object: 'contacts',
    labels: { en: 'Contacts not contacted in 30 days', 'zh-CN': '30 天未联系的联系人' },
    filters: [
      {
        or: [
          { field: 'lastActivityAt', op: 'lt', value: '@daysAgo:30' },
          { field: 'lastActivityAt', op: 'isEmpty' },
        ],
      },
    ],
    sort: [{ field: 'lastActivityAt', direction: 'asc' }],
    columns: ['name', 'companyId', 'email', 'phone', 'lastActivityAt', 'ownerId'],
  },
  {
    key: 'myTasksDueToday',
    object: 'activities',
    labels: { en: 'My tasks due today', 'zh-CN': '我今天到期的任务' },
    // Overdue tasks are still due: "due today" means due by the end of today and not done.
    filters: [
      { field: 'type', op: 'eq', value: 'task' },
      { field: 'ownerId', op: 'eq', value: '@me' },
      { field: 'doneAt', op: 'isEmpty' },
      { field: 'dueAt', op: 'lte', value: '@endOfToday' },
    ],
    sort: [{ field: 'dueAt', direction: 'asc' }],
    columns: ['subject', 'dueAt', 'priority', 'relatedTo'],
  },
];

/** Idempotent: seeds the missing built-in views (at workspace creation and on first listing). */
export async function ensureDefaultViews(db: Executor, workspaceId: string): Promise<void> {
  await sql`INSERT INTO saved_views (workspace_id, id, object, name, labels, shared, filters, sort, columns, builtin_key, position)
    VALUES ${sql.join(
      builtInViews.map(
        (v, i) =>
          sql`(${workspaceId}, ${newId()}, ${v.object}, ${v.labels.en}, ${JSON.stringify(v.labels)}::jsonb, true,
            ${JSON.stringify(v.filters)}::jsonb, ${JSON.stringify(v.sort)}::jsonb, ${JSON.stringify(v.columns)}::jsonb, ${v.key}, ${i})`,
      ),
    )}
    ON CONFLICT (workspace_id, builtin_key) WHERE builtin_key IS NOT NULL DO NOTHING`.execute(db);
}
