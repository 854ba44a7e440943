import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';

/** The frame of one settings screen: a title, a sentence on what it is for, its content. */
export function SettingsPanel({
  title,
  hint,
  actions,
  children,
}: {
  title: string;
  hint?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          {hint && (
            <Text size="sm" c="dimmed" maw={640}>
              {hint}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      <Paper withBorder radius="md" p="md">
        {children}
      </Paper>
    </Stack>
  );
}

/** A list query's three non-data states (loading, failed with retry, empty), else its rows. */
export function QueryContent<T>({
  query,
  empty,
  children,
}: {
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T[] | undefined;
    refetch: () => unknown;
  };
  empty: { title: string; hint?: string };
  children: (rows: T[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError || !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.length === 0) return <EmptyState title={empty.title} hint={empty.hint} />;
  return <>{children(query.data)}</>;
}

/** Runs an admin action from a list row, refreshes the list, and shows a refusal as a notification. */
export function useListAction(queryKey: string) {
  const client = useQueryClient();
  const message = useErrorMessage();
  return async (action: () => Promise<unknown>) => {
    try {
      await action();
      await client.invalidateQueries({ queryKey: [queryKey] });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
}
