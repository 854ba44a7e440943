// The three lists of "My day", as record filters the server runs with its indexes. Relative
// tokens (@me, @startOfToday, …) are resolved by the server in the workspace's time zone, so
// "today" means the same day for everyone in the company, whatever the browser's clock says.
import type { Filter } from '@rapport/contracts/apiTypes';

const openTasks: Filter[] = [
  { field: 'type', op: 'eq', value: 'task' },
  { field: 'doneAt', op: 'isEmpty' },
  { field: 'ownerId', op: 'eq', value: '@me' },
];

export const myDayFilters = {
  dueToday: [
    ...openTasks,
    { field: 'dueAt', op: 'between', value: ['@startOfToday', '@endOfToday'] },
  ] as Filter[],
  overdue: [...openTasks, { field: 'dueAt', op: 'lt', value: '@startOfToday' }] as Filter[],
  closingSoon: [
    { field: 'ownerId', op: 'eq', value: '@me' },
    { field: 'status', op: 'eq', value: 'open' },
    { field: 'closeDate', op: 'between', value: ['@today', '@daysFromNow:14'] },
  ] as Filter[],
};
