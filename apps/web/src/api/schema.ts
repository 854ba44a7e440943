// Object and field metadata: the list, forms, filters and record pages are all driven by it, so a
// custom field an admin adds shows up everywhere without client code.
import type { FieldMeta, ObjectMeta } from '@rapport/contracts/apiTypes';
import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from './client';

export const schemaKey = ['schema', 'objects'] as const;

export function useSchema() {
  return useQuery({
    queryKey: schemaKey,
    queryFn: async () =>
      dataOf(await api.get<{ data: ObjectMeta[] } | ObjectMeta[]>('/api/v1/schema/objects')),
    staleTime: 5 * 60_000,
  });
}

export function useObjectMeta(object: string | undefined) {
  const q = useSchema();
  const meta = object ? q.data?.find((o) => o.name === object) : undefined;
  return { ...q, meta };
}

export function fieldOf(meta: ObjectMeta | undefined, name: string): FieldMeta | undefined {
  return meta?.fields.find((f) => f.name === name);
}

export interface NewFieldInput {
  name: string;
  type: string;
  label: { en: string; 'zh-CN': string };
  options?: { value: string; label: string }[];
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  relation?: { object: string };
}

export const schemaApi = {
  createObject: (body: {
    name: string;
    label: { en: string; 'zh-CN': string };
    pluralLabel: { en: string; 'zh-CN': string };
  }) => api.post<ObjectMeta>('/api/v1/schema/objects', body),
  addField: (object: string, body: NewFieldInput) =>
    api.post<FieldMeta>(`/api/v1/schema/objects/${encodeURIComponent(object)}/fields`, body),
  editField: (object: string, name: string, body: Partial<NewFieldInput>) =>
    api.patch<FieldMeta>(
      `/api/v1/schema/objects/${encodeURIComponent(object)}/fields/${encodeURIComponent(name)}`,
      body,
    ),
  retireField: (object: string, name: string) =>
    api.delete(`/api/v1/schema/objects/${encodeURIComponent(object)}/fields/${encodeURIComponent(name)}`),
};
