// Step 5: what the run did, its row errors, the way back to the list, and undo (which deletes what
// the import created and restores what it updated).
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSchema } from '../../api/schema';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { CountBadges } from './CountBadges';
import { ErrorList } from './ErrorList';
import type { ImportView } from './importApi';

export function ResultStep({
  imp,
  listTitle,
  runKey,
  undoing,
  undoError,
  onUndo,
  onAnother,
}: {
  imp: ImportView;
  listTitle: string;
  runKey: string;
  undoing: boolean;
  undoError: string | null;
  onUndo: () => void;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const plural = (object: string) => {
    const m = schema.data?.find((o) => o.name === object);
    return m ? localized(m.pluralLabel ?? m.label, locale) : object;
  };
  const related = Object.entries(imp.relatedCreated ?? {}).filter(([, n]) => n > 0);
  const undone = imp.status === 'undone';
  return (
    <Stack gap="md">
      {imp.status === 'failed' && (
        <Alert color="red" variant="light" role="alert">
          {t('imports.runFailed', { reason: imp.error ?? '' })}
        </Alert>
      )}
      <CountBadges counts={imp.counts} dryRun={false} />
      {related.length > 0 && (
        <Text size="sm">
          {t('imports.relatedCreated', {
            list: related.map(([o, n]) => `${n} ${plural(o)}`).join(', '),
          })}
        </Text>
      )}
      <ErrorList importId={imp.id} errors={imp.errors} errorCount={imp.errorCount} runKey={runKey} />
      {undone && (
        <Alert color="blue" variant="light" role="status">
          {t('imports.undone', {
            deleted: imp.undo?.deleted ?? 0,
            restored: imp.undo?.restored ?? 0,
          })}
          {imp.undo?.keptLaterEdits ? ` ${t('imports.keptEdits', { count: imp.undo.keptLaterEdits })}` : ''}
        </Alert>
      )}
      {undoError && (
        <Alert color="red" variant="light" role="alert">
          {undoError}
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Button component={Link} to={`/${imp.object}`}>
            {t('imports.backToList', { name: listTitle })}
          </Button>
          <Button variant="default" onClick={onAnother}>
            {t('imports.another')}
          </Button>
        </Group>
        {(imp.canUndo || imp.status === 'undoing') && !undone && (
          <Button color="red" variant="light" onClick={onUndo} loading={undoing || imp.status === 'undoing'}>
            {t('imports.undo')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
