// Small lookups the whole app shares: pipelines and stages, users (owner pickers), saved views,
// global search.
import type { ListFilter, Pipeline, SavedView, SearchHit, SortSpec } from '@rapport/contracts/apiTypes';
import { useQuery } from '@tanstack/react-query';
import { api, dataOf, qs } from './client';

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: async () => dataOf(await api.get<{ data: Pipeline[] }>('/api/v1/pipelines')),
    staleTime: 5 * 60_000,
  });
}

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role?: string;
  teamId?: string | null;
  unitId?: string | null;
  active?: boolean;
  locale?: string | null;
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => dataOf(await api.get<{ data: UserSummary[] }>('/api/v1/users?limit=200')),
    staleTime: 5 * 60_000,
  });
}

export interface TeamSummary {
  id: string;
  name: string;
  managerId?: string | null;
  unitId?: string | null;
}

export interface UnitSummary {
  id: string;
  name: string;
  currency: string;
  parentId?: string | null;
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: async () => dataOf(await api.get<{ data: TeamSummary[] }>('/api/v1/teams?limit=200')),
    staleTime: 5 * 60_000,
  });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: async () => dataOf(await api.get<{ data: UnitSummary[] }>('/api/v1/business-units?limit=200')),
    staleTime: 5 * 60_000,
  });
}

export const viewsKey = (object: string) => ['views', object] as const;

export function useViews(object: string) {
  return useQuery({
    queryKey: viewsKey(object),
    queryFn: async () => dataOf(await api.get<{ data: SavedView[] }>(`/api/v1/views${qs({ object })}`)),
    staleTime: 60_000,
  });
}

export interface ViewInput {
  object: string;
  name: string;
  filters: ListFilter[];
  sort: SortSpec[];
  columns: string[];
  shared: boolean;
}

export const viewsApi = {
  create: (v: ViewInput) => api.post<SavedView>('/api/v1/views', v),
  update: (id: string, v: Partial<ViewInput>) =>
    api.patch<SavedView>(`/api/v1/views/${encodeURIComponent(id)}`, v),
  remove: (id: string) => api.delete(`/api/v1/views/${encodeURIComponent(id)}`),
};

export async function globalSearch(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  return dataOf(await api.get<{ data: SearchHit[] }>(`/api/v1/search${qs({ q, limit: 20 })}`, { signal }));
}
