// "My day": what a rep should do now — tasks due today, overdue follow-ups, deals closing soon.
import type { RecordBase } from '@rapport/contracts/apiTypes';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoneCall } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { recordsApi, recordsKey, useRecordPage } from '../../api/records';
import { useQuickActions } from '../../app/QuickActions';
import { StageName } from '../../components/PipelineFields';
import { useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../i18n/format';
import type { Money } from '@rapport/contracts/apiTypes';
import { myDayFilters } from './myDayQueries';

export function MyDayPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { openQuickLog } = useQuickActions();
  const user = me.data!.user;
  const today = todayIn(me.data?.workspace.timeZone);
  const f = myDayFilters;
  const locale = useLocale();
  return (
    <Stack gap="md" pb={80}>
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={1} size="h3">
            {t('myDay.greeting', { name: user.name })}
          </Title>
          <Text c="dimmed" size="sm">
            {formatDate(today, locale)}
          </Text>
        </div>
        <Button leftSection={<IconPhoneCall size={16} />} onClick={() => openQuickLog()}>
          {t('quickLog.button')}
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <TaskList title={t('myDay.dueToday')} empty={t('myDay.dueTodayEmpty')} filters={f.dueToday} />
        <TaskList title={t('myDay.overdue')} empty={t('myDay.overdueEmpty')} filters={f.overdue} overdue />
        <ClosingDeals filters={f.closingSoon} />
      </SimpleGrid>
    </Stack>
  );
}

function relatedLink(r: RecordBase) {
  const rel = (
    r.relatedTo as { object: string; id: string; title?: string; name?: string }[] | undefined
  )?.[0];
  return rel ? { to: `/${rel.object}/${rel.id}`, title: rel.title ?? rel.name } : null;
}

function TaskList({
  title,
  empty,
  filters,
  overdue,
}: {
  title: string;
  empty: string;
  filters: import('@rapport/contracts/apiTypes').Filter[];
  overdue?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const page = useRecordPage('activities', { filters, sort: [{ field: 'dueAt', direction: 'asc' }] }, 25);
  const rows = page.data?.data ?? [];
  const done = async (r: RecordBase) => {
    try {
      await recordsApi.update('activities', r.id, { doneAt: new Date().toISOString() }, r.version);
      await client.invalidateQueries({ queryKey: recordsKey('activities') });
      notifications.show({
        color: 'green',
        message: t('myDay.doneMessage', { name: String(r.subject ?? '') }),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        {rows.length > 0 && (
          <Badge color={overdue ? 'red' : 'blue'} variant="light">
            {rows.length}
            {page.data?.nextCursor ? '+' : ''}
          </Badge>
        )}
      </Group>
      {page.isPending ? (
        <Stack gap={6}>
          <Skeleton h={20} />
          <Skeleton h={20} w="60%" />
        </Stack>
      ) : page.isError ? (
        <Text size="sm" c="red">
          {message(page.error)}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap="xs">
          {rows.map((r) => {
            const rel = relatedLink(r);
            return (
              <Group key={r.id} wrap="nowrap" align="flex-start" gap="xs">
                <Checkbox
                  aria-label={t('myDay.markDone', { name: String(r.subject ?? '') })}
                  onChange={() => done(r)}
                  mt={2}
                />
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/activities/${r.id}`} size="sm" fw={500}>
                    {String(r.subject ?? t('composer.types.task'))}
                  </Anchor>
                  <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
                    {formatDateTime(r.dueAt as string, locale)}
                    {rel?.title ? ' · ' : ''}
                    {rel?.title && (
                      <Anchor component={Link} to={rel.to} size="xs">
                        {rel.title}
                      </Anchor>
                    )}
                  </Text>
                </div>
              </Group>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}

function ClosingDeals({ filters }: { filters: import('@rapport/contracts/apiTypes').Filter[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const message = useErrorMessage();
  const page = useRecordPage('deals', { filters, sort: [{ field: 'closeDate', direction: 'asc' }] }, 25);
  const rows = page.data?.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('myDay.closingSoon')}>
      <Title order={2} size="h5" mb="sm">
        {t('myDay.closingSoon')}
      </Title>
      {page.isPending ? (
        <Skeleton h={20} />
      ) : page.isError ? (
        <Text size="sm" c="red">
          {message(page.error)}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('myDay.closingSoonEmpty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {rows.map((d) => (
            <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/deals/${d.id}`} size="sm" fw={500} truncate>
                  {String(d.name ?? '')}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDate(d.closeDate as string, locale)} ·{' '}
                  {formatMoney(d.amount as Money | null, locale)}
                </Text>
              </div>
              <StageName id={d.stageId} />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
