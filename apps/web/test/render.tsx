// Renders a piece of the app with the providers it runs under (theme, server state, router,
// quick actions), signed in for real against the test server.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { Me } from '@rapport/contracts/apiTypes';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { inject } from 'vitest';
import { login, meKey } from '../src/api/auth';
import { api } from '../src/api/client';
import { QuickActionsProvider } from '../src/app/QuickActions';
import { theme } from '../src/app/theme';

export async function signInAsAdmin(): Promise<Me> {
  return login({ email: inject('adminEmail'), password: inject('adminPassword'), remember: false });
}

/** A fresh user of a built-in role, created through the API by the admin, then signed in. */
export async function signInAs(role: string): Promise<Me & { password: string }> {
  await signInAsAdmin();
  const email = `${role}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;
  const password = 'another good password';
  await api.post('/api/v1/users', { email, name: `Test ${role}`, password, role });
  const me = await login({ email, password, remember: false });
  return { ...me, password };
}

export function renderApp(ui: ReactNode, opts: { me?: Me | null; path?: string; route?: string } = {}) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 60_000 }, mutations: { retry: false } },
  });
  if (opts.me !== undefined) client.setQueryData(meKey, opts.me);
  const router = createMemoryRouter(
    [
      {
        path: opts.route ?? '*',
        element: <QuickActionsProvider>{ui}</QuickActionsProvider>,
      },
      { path: '*', element: <div data-testid="navigated" /> },
    ],
    { initialEntries: [opts.path ?? '/'] },
  );
  const result = render(
    <MantineProvider theme={theme} env="test">
      <Notifications />
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, client, router };
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
