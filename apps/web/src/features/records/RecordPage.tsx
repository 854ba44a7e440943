// /:object/:id — one record: header with its key facts and actions (call, mail, log, delete,
// convert), the admin's field sections, related lists, and the timeline with the composer.
import type { FieldMeta, RecordBase } from '@rapport/contracts/apiTypes';
import {
  ActionIcon,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Menu,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDots,
  IconMail,
  IconPhone,
  IconPhoneCall,
  IconRoute,
  IconTrash,
  IconTransform,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { recordKey, recordsApi, recordsKey, useRecord } from '../../api/records';
import { useObjectMeta, useSchema } from '../../api/schema';
import { can } from '../../app/permissions';
import { useQuickActions } from '../../app/QuickActions';
import { FieldValue } from '../../components/FieldValue';
import { ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { ApprovalStatus, SubmitForApproval } from '../approvals/RecordApprovalParts';
import { lockSections, useRecordApproval } from '../approvals/recordApproval';
import { EnrollDialog, enrollableObjects, RecordSequences } from '../automation/RecordSequences';
import { ActivityComposer } from '../timeline/ActivityComposer';
import { Timeline } from '../timeline/Timeline';
import { FieldSection } from './FieldSection';
import { layoutSections } from './layoutSections';
import { defaultColumns } from './list/defaultColumns';
import { recordTitle } from './recordTitle';
import { RelatedList } from './RelatedList';
import { relatedListsFor } from './relatedLists';
import { useUpdateRecord } from './useRecordMutations';

export function RecordPage() {
  const { object = '', id = '' } = useParams();
  const schema = useObjectMeta(object);
  const rec = useRecord(object, id);
  if (schema.isPending || (rec.isPending && schema.meta)) return <LoadingState />;
  if (schema.isError) return <ErrorState error={schema.error} onRetry={() => schema.refetch()} />;
  if (!schema.meta) return <ErrorState notFound />;
  if (rec.isError) return <ErrorState error={rec.error} onRetry={() => rec.refetch()} />;
  return (
    <RecordView
      key={`${object}/${id}`}
      object={object}
      record={rec.data!.record}
      refetch={() => rec.refetch()}
    />
  );
}

function RecordView({
  object,
  record,
  refetch,
}: {
  object: string;
  record: RecordBase;
  refetch: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const message = useErrorMessage();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { meta } = useObjectMeta(object);
  const schema = useSchema();
  const { openQuickLog } = useQuickActions();
  const update = useUpdateRecord(object);
  const perms = me.data?.permissions;
  const title = recordTitle(meta, record);
  const objectLabel = localized(meta!.label, locale);
  const approval = useRecordApproval(object, record.id);
  const sections = lockSections(layoutSections(meta!), approval.locked);
  const related = relatedListsFor(object, schema.data ?? [], (o) => can(perms, o, 'read'));
  const phoneValue = meta!.fields.find((f) => f.type === 'phone' && record[f.name]);
  const emailValue = meta!.fields.find((f) => f.type === 'email' && record[f.name]);
  const keyFields = defaultColumns(meta!)
    .map((n) => meta!.fields.find((f) => f.name === n))
    .filter(
      (f): f is FieldMeta =>
        Boolean(f) &&
        !['name', 'firstName', 'lastName', 'subject'].includes(f!.name) &&
        f!.type !== 'phone' &&
        f!.type !== 'email',
    )
    .slice(0, 4);
  const ref = { object, id: record.id, title };
  const isActivity = object === 'activities';
  const enrollable = enrollableObjects.has(object);
  const [enrolling, setEnrolling] = useState(false);

  const remove = async () => {
    if (!window.confirm(t('record.confirmDelete', { name: title }))) return;
    try {
      await recordsApi.remove(object, record.id);
      client.removeQueries({ queryKey: recordKey(object, record.id) });
      await client.invalidateQueries({ queryKey: recordsKey(object) });
      notifications.show({
        message: (
          <Group gap="xs">
            <Text size="sm">{t('record.deleted', { name: title })}</Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={async () => {
                await recordsApi.restore(object, record.id);
                await client.invalidateQueries({ queryKey: recordsKey(object) });
                navigate(`/${object}/${record.id}`);
              }}
            >
              {t('common.undo')}
            </Button>
          </Group>
        ),
      });
      navigate(`/${object}`);
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };

  const convert = async () => {
    try {
      const r = await recordsApi.convertLead(record.id);
      await client.invalidateQueries({ queryKey: recordsKey('leads') });
      notifications.show({ color: 'green', message: t('record.converted') });
      navigate(`/contacts/${r.contactId}`);
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };

  const header = (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Breadcrumbs separator="›">
          <Anchor component={Link} to={`/${object}`} size="sm">
            {localized(meta!.pluralLabel ?? meta!.label, locale)}
          </Anchor>
          <Text size="sm" truncate maw={240}>
            {title}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
                {title}
              </Title>
              <Badge variant="light" color="gray">
                {objectLabel}
              </Badge>
            </Group>
            <Group gap="md" mt={4} wrap="wrap">
              {keyFields.map((f) => (
                <Text key={f.name} size="sm" component="div">
                  <Text span size="xs" c="dimmed" mr={4}>
                    {localized(f.label, locale)}
                  </Text>
                  <FieldValue field={f} record={record} compact />
                </Text>
              ))}
            </Group>
            <ApprovalStatus approval={approval} fields={meta!.fields} />
          </div>
          <Group gap="xs" wrap="wrap">
            {phoneValue && (
              <Button
                component="a"
                href={`tel:${String(record[phoneValue.name]).replace(/[^\d+]/g, '')}`}
                variant="light"
                leftSection={<IconPhone size={16} />}
              >
                {t('record.callShort')}
              </Button>
            )}
            {emailValue && (
              <Button
                component="a"
                href={`mailto:${String(record[emailValue.name])}`}
                variant="light"
                leftSection={<IconMail size={16} />}
              >
                {t('record.emailShort')}
              </Button>
            )}
            <SubmitForApproval approval={approval} title={title} />
            {!isActivity && can(perms, 'activities', 'create') && (
              <Button
                leftSection={<IconPhoneCall size={16} />}
                onClick={() => openQuickLog({ relatedTo: [ref] })}
              >
                {t('quickLog.button')}
              </Button>
            )}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={t('record.moreActions')}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {enrollable && (
                  <Menu.Item leftSection={<IconRoute size={14} />} onClick={() => setEnrolling(true)}>
                    {t('automation.sequences.enrol')}
                  </Menu.Item>
                )}
                {object === 'leads' && can(perms, 'contacts', 'create') && (
                  <Menu.Item leftSection={<IconTransform size={14} />} onClick={convert}>
                    {t('record.convertLead')}
                  </Menu.Item>
                )}
                {can(perms, object, 'delete') && (
                  <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={remove}>
                    {t('common.delete')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );

  const fieldsColumn = (
    <Stack gap="md">
      {sections.map((s) => (
        <FieldSection
          key={s.key}
          meta={meta!}
          section={s}
          record={record}
          canEdit={can(perms, object, 'update')}
          onSave={(patch, version) => update.mutateAsync({ id: record.id, patch, version })}
          onStale={refetch}
        />
      ))}
      {enrollable && (
        <RecordSequences object={object} record={record} title={title} onEnrol={() => setEnrolling(true)} />
      )}
      {enrollable && (
        <EnrollDialog
          opened={enrolling}
          onClose={() => setEnrolling(false)}
          object={object}
          record={record}
          title={title}
        />
      )}
    </Stack>
  );
  const relatedColumn = related.length ? (
    <Stack gap="md">
      {related.map((d) => (
        <RelatedList key={`${d.object.name}.${d.field.name}`} def={d} recordId={record.id} />
      ))}
    </Stack>
  ) : null;
  const activityColumn = (
    <Stack gap="md">
      {!isActivity && can(perms, 'activities', 'create') && (
        <Paper withBorder p="md" radius="md">
          <ActivityComposer relatedTo={[ref]} />
        </Paper>
      )}
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('timeline.title')}>
        <Title order={2} size="h5" mb="sm">
          {t('timeline.title')}
        </Title>
        <Timeline object={object} id={record.id} />
      </Paper>
    </Stack>
  );

  if (phone) {
    return (
      <Stack gap="sm" pb={80}>
        {header}
        <Tabs defaultValue="activity" keepMounted={false}>
          <Tabs.List grow>
            <Tabs.Tab value="activity">{t('record.tabActivity')}</Tabs.Tab>
            <Tabs.Tab value="details">{t('record.details')}</Tabs.Tab>
            {relatedColumn && <Tabs.Tab value="related">{t('record.related')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="activity" pt="sm">
            {activityColumn}
          </Tabs.Panel>
          <Tabs.Panel value="details" pt="sm">
            {fieldsColumn}
          </Tabs.Panel>
          {relatedColumn && (
            <Tabs.Panel value="related" pt="sm">
              {relatedColumn}
            </Tabs.Panel>
          )}
        </Tabs>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {header}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {fieldsColumn}
            {relatedColumn}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{activityColumn}</Grid.Col>
      </Grid>
    </Stack>
  );
}
