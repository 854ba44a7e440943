// Writes to records with the cache kept honest: an edit shows at once (optimistic), is rolled
// back if the server refuses, and then takes the server's copy (new version, computed fields).
import type { Page, RecordBase } from '@rapport/contracts/apiTypes';
import { type InfiniteData, type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { type LoadedRecord, recordKey, recordsApi, recordsKey } from '../../api/records';

type ListData = InfiniteData<Page<RecordBase>, string | null>;
type Snapshot = [readonly unknown[], unknown][];

export function patchRecordInCache(
  client: QueryClient,
  object: string,
  id: string,
  fn: (r: RecordBase) => RecordBase,
): Snapshot {
  const snapshot: Snapshot = [];
  for (const [key, data] of client.getQueriesData<unknown>({ queryKey: recordsKey(object) })) {
    snapshot.push([key, data]);
    if (!data || typeof data !== 'object') continue;
    if ('pages' in (data as ListData)) {
      const d = data as ListData;
      client.setQueryData<ListData>(key, {
        ...d,
        pages: d.pages.map((p) => ({ ...p, data: p.data.map((r) => (r.id === id ? fn(r) : r)) })),
      });
    } else if ('data' in (data as Page<RecordBase>)) {
      const d = data as Page<RecordBase>;
      client.setQueryData<Page<RecordBase>>(key, {
        ...d,
        data: d.data.map((r) => (r.id === id ? fn(r) : r)),
      });
    }
  }
  const rk = recordKey(object, id);
  const one = client.getQueryData<LoadedRecord>(rk);
  snapshot.push([rk, one]);
  if (one) client.setQueryData<LoadedRecord>(rk, { ...one, record: fn(one.record) });
  return snapshot;
}

export function restoreSnapshot(client: QueryClient, snapshot: Snapshot) {
  for (const [key, data] of snapshot) client.setQueryData(key, data);
}

export interface UpdateVars {
  id: string;
  patch: Record<string, unknown>;
  version?: number | null;
}

export function useUpdateRecord(object: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch, version }: UpdateVars) => recordsApi.update(object, id, patch, version),
    onMutate: async ({ id, patch }) => {
      await client.cancelQueries({ queryKey: recordsKey(object) });
      return patchRecordInCache(client, object, id, (r) => ({ ...r, ...patch }));
    },
    onError: (_err, _vars, snapshot) => snapshot && restoreSnapshot(client, snapshot),
    onSuccess: (saved, { id }) => {
      if (saved && typeof saved === 'object' && 'id' in saved)
        patchRecordInCache(client, object, id, () => saved);
      const rk = recordKey(object, id);
      const one = client.getQueryData<LoadedRecord>(rk);
      if (one && saved) client.setQueryData<LoadedRecord>(rk, { record: saved, etag: `"${saved.version}"` });
    },
  });
}
