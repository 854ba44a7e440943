import type { Permissions } from '@rapport/contracts/apiTypes';
import { useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../../api/client';

export interface Role {
  id: string;
  key: string;
  name: string;
  label?: { en: string; 'zh-CN': string } | string;
  builtIn: boolean;
  permissions?: Permissions;
  userCount?: number;
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => dataOf(await api.get<{ data: Role[] }>('/api/v1/roles')),
  });
}
