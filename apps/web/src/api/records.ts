// Records of any object (standard or custom) through the one generic API: keyset-paged search,
// one record with its ETag, and writes that send If-Match so a stale edit answers 412, not a
// silent overwrite.
import type { ListFilter, Page, RecordBase, SortSpec } from '@rapport/contracts/apiTypes';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';

const base = (object: string) => `/api/v1/objects/${encodeURIComponent(object)}`;

export interface ListQuery {
  filters: ListFilter[];
  sort: SortSpec[];
  q?: string;
}

export const recordsKey = (object: string) => ['records', object] as const;
export const recordKey = (object: string, id: string) => ['record', object, id] as const;

export function searchRecords(
  object: string,
  query: ListQuery,
  limit: number,
  after: string | null,
  signal?: AbortSignal,
) {
  return api.post<Page<RecordBase>>(
    `${base(object)}/search`,
    { filters: query.filters, sort: query.sort, q: query.q || undefined, limit, after: after ?? undefined },
    { signal },
  );
}

export function useRecordList(object: string, query: ListQuery, pageSize = 100, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...recordsKey(object), 'list', query, pageSize],
    queryFn: ({ pageParam, signal }) => searchRecords(object, query, pageSize, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface LoadedRecord {
  record: RecordBase;
  etag: string | null;
}

export async function fetchRecord(object: string, id: string): Promise<LoadedRecord> {
  const res = await api.get<Response>(`${base(object)}/${encodeURIComponent(id)}`, { raw: true });
  const record = (await res.json()) as RecordBase;
  return { record, etag: res.headers.get('etag') };
}

export function useRecord(object: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: recordKey(object ?? '', id ?? ''),
    queryFn: () => fetchRecord(object!, id!),
    enabled: Boolean(object && id),
  });
}

/** A small page of records (related lists, pickers): no infinite scroll needed. */
export function useRecordPage(object: string, query: ListQuery, limit = 20, enabled = true) {
  return useQuery({
    queryKey: [...recordsKey(object), 'page', query, limit],
    queryFn: ({ signal }) => searchRecords(object, query, limit, null, signal),
    enabled,
  });
}

const ifMatch = (version: number | string | null | undefined): Record<string, string> =>
  version === null || version === undefined ? {} : { 'if-match': `"${String(version).replace(/"/g, '')}"` };

export const recordsApi = {
  create: (object: string, body: Record<string, unknown>) => api.post<RecordBase>(base(object), body),
  update: (object: string, id: string, patch: Record<string, unknown>, version?: number | null) =>
    api.patch<RecordBase>(`${base(object)}/${encodeURIComponent(id)}`, patch, { headers: ifMatch(version) }),
  remove: (object: string, id: string) => api.delete(`${base(object)}/${encodeURIComponent(id)}`),
  restore: (object: string, id: string) =>
    api.post<RecordBase>(`${base(object)}/${encodeURIComponent(id)}/restore`),
  batchUpdate: (object: string, update: ({ id: string; ifMatch?: number } & Record<string, unknown>)[]) =>
    api.post<{ updated: RecordBase[] }>(`${base(object)}/batch`, { update }),
  batchDelete: (object: string, ids: string[]) =>
    api.post<{ deleted: string[] }>(`${base(object)}/batch`, { delete: ids }),
  convertLead: (id: string) =>
    api.post<{ contactId: string; companyId: string; dealId: string | null }>(
      `${base('leads')}/${encodeURIComponent(id)}/convert`,
    ),
};

/**
 * The CSV export of what the list shows: the same filters, sort and text query, in the list's
 * query-string form (`amount[gte]=5000`, `stageId[in]=a,b`). That form has no "or" groups, so a
 * list filtered by one cannot be exported as shown: the answer is null and the button says why.
 */
export function exportUrl(object: string, query: ListQuery, format: 'csv' | 'xlsx' = 'csv'): string {
  const params = new URLSearchParams({ format });
  if (query.q) params.set('q', query.q);
  const sort = query.sort.map((s) => (s.direction === 'desc' ? '-' : '') + s.field).join(',');
  if (sort) params.set('sort', sort);
  // The whole filter tree as the list sends it ("or" groups, repeated fields), as JSON.
  if (query.filters.length) params.set('filters', JSON.stringify(query.filters));
  return `${base(object)}/export?${params.toString()}`;
}
