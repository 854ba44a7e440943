// Step 4: the real run. Small files finish inside the request; larger ones run as a job and the
// wizard polls the import, showing how many rows are done.
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportView } from './importApi';

export function RunProgress({
  imp,
  error,
  onBack,
}: {
  imp: ImportView | null;
  error: string | null;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const p = imp && !imp.dryRun ? imp.progress : null;
  const percent = p?.percent ?? 0;
  return (
    <Stack gap="sm">
      <Text size="sm" role="status" aria-live="polite">
        {p?.totalRows
          ? t('imports.progress', { done: p.processedRows, total: p.totalRows })
          : t('imports.running')}
      </Text>
      <Progress value={percent} animated={!error} aria-label={t('imports.progressLabel')} />
      {error && (
        <>
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onBack}>
              {t('imports.back')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
