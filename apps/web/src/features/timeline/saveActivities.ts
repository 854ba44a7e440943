import { api } from '../../api/client';

/** One call: both records or neither (the batch endpoint is all-or-nothing). */
export async function saveActivities(items: Record<string, unknown>[]) {
  if (items.length === 1) return [await api.post<{ id: string }>('/api/v1/objects/activities', items[0])];
  const res = await api.post<{ created: { id: string }[] }>('/api/v1/objects/activities/batch', {
    create: items,
  });
  return res.created;
}
