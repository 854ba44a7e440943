// The three lists of "My day", as record filters the server runs with its indexes.
import type { Filter } from '@rapport/contracts/apiTypes';
import { addDays } from '../timeline/activityDraft';

/** Start of a local calendar day as an instant, for comparing with dueAt (timestamptz). */
export function startOfDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export function myDayFilters(userId: string, today: string) {
  const open: Filter[] = [
    { field: 'type', op: 'eq', value: 'task' },
    { field: 'doneAt', op: 'isEmpty' },
    { field: 'ownerId', op: 'eq', value: userId },
  ];
  return {
    dueToday: [
      ...open,
      { field: 'dueAt', op: 'gte', value: startOfDay(today) },
      { field: 'dueAt', op: 'lt', value: startOfDay(addDays(today, 1)) },
    ] as Filter[],
    overdue: [...open, { field: 'dueAt', op: 'lt', value: startOfDay(today) }] as Filter[],
    closingSoon: [
      { field: 'ownerId', op: 'eq', value: userId },
      { field: 'closeDate', op: 'between', value: [today, addDays(today, 14)] },
    ] as Filter[],
  };
}
