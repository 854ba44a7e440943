// Step 3: the dry run's result — what would be created, updated, skipped or refused, the first rows
// as they would be stored, and every row error with its row number.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { CountBadges } from './CountBadges';
import { displayValue } from './displayValue';
import { ErrorList } from './ErrorList';
import type { ImportView, PreviewRow } from './importApi';
import { FULL_NAME, mappingTargets } from './targets';

const ACTION_COLOR: Record<PreviewRow['action'], string> = {
  create: 'green',
  update: 'blue',
  skip: 'gray',
  fail: 'red',
};

export function PreviewStep({
  imp,
  runKey,
  onBack,
  onRun,
}: {
  imp: ImportView;
  runKey: string;
  onBack: () => void;
  onRun: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = new Map(mappingTargets(imp.fields, locale, t).map((x) => [x.value, x.label]));
  // The stored fields the mapping fills, in the file's column order (a whole name is stored as
  // first and last name; a currency column as part of its money field).
  const shown: string[] = [];
  for (const c of imp.columns) {
    if (!c.field) continue;
    const names = c.field === FULL_NAME ? ['lastName', 'firstName'] : [c.field.split('.')[0]!];
    for (const n of names) if (!shown.includes(n)) shown.push(n);
  }
  const label = (name: string) => {
    const f = imp.fields.find((x) => x.name === name);
    return f ? localized(f.label, locale) || name : (labels.get(name) ?? name);
  };
  const rows = imp.preview ?? [];
  const writes = imp.counts.created + imp.counts.updated;
  const matchNames = (imp.match ?? []).map((alt) => alt.split('+').map(label).join(' + '));

  return (
    <Stack gap="md">
      <CountBadges counts={imp.counts} dryRun />
      <Text size="sm" c="dimmed">
        {matchNames.length
          ? t('imports.matchSummary', {
              fields: matchNames.join(t('imports.matchThen')),
              how: t(`imports.how.${imp.onMatch}`),
            })
          : t('imports.noMatch')}
      </Text>
      {rows.length > 0 && (
        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('imports.previewTitle', { count: rows.length })}
          </Text>
          <Table.ScrollContainer minWidth={Math.max(360, 120 * (shown.length + 1))}>
            <Table striped aria-label={t('imports.previewTitle', { count: rows.length })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>{t('imports.row')}</Table.Th>
                  <Table.Th>{t('imports.action')}</Table.Th>
                  {shown.map((n) => (
                    <Table.Th key={n}>{label(n)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={ACTION_COLOR[r.action]} tt="none">
                        {t(`imports.actions.${r.action}`)}
                      </Badge>
                    </Table.Td>
                    {shown.map((n) => (
                      <Table.Td key={n} style={{ overflowWrap: 'anywhere' }}>
                        {displayValue(r.values[n], t('imports.linked'))}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      )}
      <ErrorList importId={imp.id} errors={imp.errors} errorCount={imp.errorCount} runKey={runKey} />
      {imp.canRun && writes === 0 && (
        <Text size="sm" id="import-nothing-to-run">
          {t('imports.nothingToRun')}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onBack}>
          {t('imports.back')}
        </Button>
        <Button
          onClick={onRun}
          disabled={!imp.canRun || writes === 0}
          aria-describedby={imp.canRun && writes === 0 ? 'import-nothing-to-run' : undefined}
        >
          {t('imports.run', { count: writes })}
        </Button>
      </Group>
    </Stack>
  );
}
