import { Center, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Stack align="center" w="100%" gap="lg">
        <Group gap="xs">
          <ThemeIcon size="lg" radius="md" aria-hidden>
            R
          </ThemeIcon>
          <Text fw={700} size="xl">
            Rapport
          </Text>
        </Group>
        <main style={{ width: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
          {children}
        </main>
      </Stack>
    </Center>
  );
}
