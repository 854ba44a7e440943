import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

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
