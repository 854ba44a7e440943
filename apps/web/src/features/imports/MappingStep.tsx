// Step 2: one row per column of the file — its header, a few of its values and the field it fills,
// pre-set to the server's suggestion. Each change is sent as a new dry run (by the wizard), so the
// counts and the preview always describe the mapping on screen.
import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { displayValue } from './displayValue';
import type { ImportView } from './importApi';
import { mappingTargets, unmappedRequired } from './targets';

export const SKIP = '';

export function MappingStep({
  imp,
  mapping,
  samples,
  busy,
  errors,
  error,
  onChange,
  onBack,
  onNext,
}: {
  imp: ImportView;
  mapping: Record<string, string | null>;
  /** Values per column index from the file, or null when only the dry run's values are known. */
  samples: string[][] | null;
  busy: boolean;
  /** The server's objections to the mapping, by column. */
  errors: Record<string, string>;
  error: string | null;
  onChange: (mapping: Record<string, string | null>) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const targets = mappingTargets(imp.fields, locale, t);
  const data = [{ value: SKIP, label: t('imports.doNotImport') }, ...targets];
  const missing = unmappedRequired(imp.fields, mapping);
  const blocked = busy || Boolean(error) || Object.keys(errors).length > 0;

  const samplesOf = (index: number, column: string): string[] => {
    if (samples) return samples[index] ?? [];
    const field = imp.mapping[column];
    if (!field) return [];
    const key = field.split('.')[0]!;
    return (imp.preview ?? [])
      .map((p) => p.values[key])
      .filter((v) => v !== undefined && v !== null && v !== '')
      .slice(0, 3)
      .map((v) => displayValue(v, t('imports.linked')));
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('imports.mappingHint', { count: imp.columns.length })}
      </Text>
      {imp.columns.map((c) => {
        const values = samplesOf(c.index, c.column);
        const value = mapping[c.column] ?? SKIP;
        return (
          <Paper key={c.index} withBorder radius="md" p="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
              <div style={{ minWidth: 0 }}>
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {c.column}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {values.length ? values.join(' · ') : t('imports.noSamples')}
                </Text>
              </div>
              <Select
                aria-label={t('imports.fieldFor', { column: c.column })}
                data={data}
                value={value}
                onChange={(v) => onChange({ ...mapping, [c.column]: v ? v : null })}
                allowDeselect={false}
                searchable
                disabled={busy}
                error={errors[c.column]}
                comboboxProps={{ withinPortal: true }}
              />
            </SimpleGrid>
          </Paper>
        );
      })}
      {missing.length > 0 && (
        <Alert color="yellow" variant="light">
          {t('imports.requiredMissing', {
            fields: missing.map((f) => localized(f.label, locale) || f.name).join(', '),
          })}
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" role="status" aria-live="polite">
          {busy ? (
            <Text size="sm" c="dimmed">
              {t('imports.rechecking')}
            </Text>
          ) : (
            <>
              <Badge variant="light" color="green" tt="none">
                {t('imports.wouldCreate', { count: imp.counts.created })}
              </Badge>
              <Badge variant="light" color="blue" tt="none">
                {t('imports.wouldUpdate', { count: imp.counts.updated })}
              </Badge>
              {imp.counts.skipped > 0 && (
                <Badge variant="light" color="gray" tt="none">
                  {t('imports.wouldSkip', { count: imp.counts.skipped })}
                </Badge>
              )}
              <Badge variant="light" color={imp.counts.failed ? 'red' : 'gray'} tt="none">
                {t('imports.wouldFail', { count: imp.counts.failed })}
              </Badge>
            </>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={onBack}>
            {t('imports.back')}
          </Button>
          <Button onClick={onNext} disabled={blocked}>
            {t('imports.toPreview')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
