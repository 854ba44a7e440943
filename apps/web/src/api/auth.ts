// Who is signed in, sign-in/out, first-run setup and password change.
import type { Me } from '@rapport/contracts/apiTypes';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';

export const meKey = ['me'] as const;

/** The signed-in user, or null when signed out (a 401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/v1/auth/me', { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

export interface LoginInput {
  email: string;
  password: string;
  remember: boolean;
}

export async function login(input: LoginInput): Promise<Me> {
  const me = await api.post<Me>('/api/v1/auth/login', input, { quiet401: true });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout', {}, { quiet401: true });
  } finally {
    setCsrfToken(null);
  }
}

export interface SetupStatus {
  /** True while no workspace exists: the app shows the first-run setup page. */
  needed: boolean;
}

export function useSetupStatus(enabled = true) {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<SetupStatus>('/api/v1/setup', { quiet401: true }),
    enabled,
    staleTime: 60_000,
    retry: false,
  });
}

export interface SetupInput {
  company: string;
  currency: string;
  timeZone: string;
  locale: string;
  admin: { name: string; email: string; password: string };
  demo: boolean;
}

export async function runSetup(input: SetupInput): Promise<Me> {
  const me = await api.post<Me>('/api/v1/setup', input, { quiet401: true });
  if (me?.csrfToken) setCsrfToken(me.csrfToken);
  return me;
}

export async function changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  await api.post('/api/v1/auth/password', input);
}

export async function saveMyLocale(locale: string): Promise<void> {
  await api.patch('/api/v1/auth/me', { locale });
}
