import type { RecordBase } from '@rapport/contracts/apiTypes';
import { Anchor, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useRecordPage } from '../../api/records';
import { can } from '../../app/permissions';
import { useQuickActions } from '../../app/QuickActions';
import { FieldValue } from '../../components/FieldValue';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { encodeFilters } from './filters/filterModel';
import { defaultColumns } from './list/defaultColumns';
import { recordTitle } from './recordTitle';
import type { RelatedListDef } from './relatedLists';

export function RelatedList({ def, recordId }: { def: RelatedListDef; recordId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const { openNewRecord } = useQuickActions();
  const filter = def.filter(recordId);
  const page = useRecordPage(
    def.object.name,
    { filters: [filter], sort: [{ field: 'updatedAt', direction: 'desc' }] },
    5,
  );
  const title = localized(def.object.pluralLabel ?? def.object.label, locale);
  const facts = defaultColumns(def.object)
    .map((c) => def.object.fields.find((f) => f.name === c))
    .filter((f) => f && !['name', 'firstName', 'lastName', 'subject', def.field.name].includes(f.name))
    .slice(0, 2);
  const rows: RecordBase[] = page.data?.data ?? [];
  const many = def.field.relation?.many || def.field.name.endsWith('Ids');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {title}
          {def.field.name !== 'companyId' && def.field.name !== 'dealId'
            ? ` · ${localized(def.field.label, locale)}`
            : ''}
        </Title>
        {can(me.data?.permissions, def.object.name, 'create') && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPlus size={14} />}
            onClick={() => openNewRecord(def.object.name, { [def.field.name]: many ? [recordId] : recordId })}
          >
            {t('common.add')}
          </Button>
        )}
      </Group>
      {page.isPending ? (
        <Stack gap={6}>
          <Skeleton h={18} />
          <Skeleton h={18} w="70%" />
        </Stack>
      ) : page.isError ? (
        <Text size="sm" c="red">
          {t('errors.generic')}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('record.noRelated', { name: title })}
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/${def.object.name}/${r.id}`} size="sm" fw={500} truncate>
                {recordTitle(def.object, r)}
              </Anchor>
              <Group gap="xs" wrap="nowrap" style={{ flexShrink: 1, minWidth: 0 }}>
                {facts.map((f) => (
                  <Text key={f!.name} size="xs" c="dimmed" component="div" truncate>
                    <FieldValue field={f!} record={r} compact />
                  </Text>
                ))}
              </Group>
            </Group>
          ))}
          {page.data?.nextCursor && (
            <Anchor component={Link} to={`/${def.object.name}?f=${encodeFilters([filter])}`} size="xs">
              {t('record.seeAll')}
            </Anchor>
          )}
        </Stack>
      )}
    </Paper>
  );
}
