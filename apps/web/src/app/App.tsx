// The providers every page needs: theme, server state, notifications, router.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { makeQueryClient } from './queryClient';
import { makeRouter } from './router';
import { theme } from './theme';

export function App() {
  const [client] = useState(makeQueryClient);
  const [router] = useState(() => makeRouter(client));
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-center" limit={3} />
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
