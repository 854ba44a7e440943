// An import's four counts, as a dry run would leave them or as a run did.
import { SimpleGrid, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Counts } from './importApi';

export function CountBadges({ counts, dryRun }: { counts: Counts; dryRun: boolean }) {
  const { t } = useTranslation();
  const items = [
    ['created', counts.created, 'green'],
    ['updated', counts.updated, 'blue'],
    ['skipped', counts.skipped, 'gray'],
    ['failed', counts.failed, counts.failed ? 'red' : 'gray'],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {items.map(([key, n, color]) => (
        <Paper key={key} withBorder radius="md" p="xs" data-count={key}>
          <Text size="xl" fw={700} c={color === 'gray' ? undefined : color}>
            {n}
          </Text>
          <Text size="xs" c="dimmed">
            {t(dryRun ? `imports.dry.${key}` : `imports.done.${key}`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
