// /emails — the outbox (and inbox): every message with its status, attempts and last error,
// filtered by direction and status. The filters live in the URL (/emails?status=failed), so a
// page of failed mail can be bookmarked or linked. Failed outgoing messages can be retried.
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, qs } from '../../api/client';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime } from '../../i18n/format';

const directions = ['', 'out', 'in'] as const;
const statuses = ['', 'queued', 'sent', 'failed', 'received'] as const;
type Status = Exclude<(typeof statuses)[number], ''>;

interface Email {
  id: string;
  direction: 'in' | 'out';
  status: Status;
  from: { name: string | null; address: string | null };
  to: string[];
  subject: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  note: string | null;
  sentAt: string | null;
  receivedAt: string | null;
  createdAt: string;
}

const statusColor: Record<Status, string> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
  received: 'gray',
};

function pick<T extends readonly string[]>(allowed: T, value: string | null): T[number] {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T[number]) : '';
}

export function OutboxPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const direction = pick(directions, params.get('direction'));
  const status = pick(statuses, params.get('status'));
  const q = useInfiniteQuery({
    queryKey: ['emails', direction, status],
    queryFn: ({ pageParam }) =>
      api.get<{ data: Email[]; nextCursor: string | null }>(
        `/api/v1/emails${qs({ direction, status, limit: 50, after: pageParam })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.data) ?? [];
  const setFilter = (key: 'direction' | 'status', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const retry = async (email: Email) => {
    try {
      await api.post(`/api/v1/emails/${encodeURIComponent(email.id)}/retry`);
      notifications.show({ color: 'green', message: t('automation.emails.retried') });
      await client.invalidateQueries({ queryKey: ['emails'] });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  const label = (s: string) => (s ? t(`automation.emails.${s as Status}`) : t('automation.emails.anyStatus'));

  return (
    <Stack gap="md" pb={80}>
      <div>
        <Title order={1} size="h3">
          {t('automation.emails.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('automation.emails.hint')}
        </Text>
      </div>
      <Group gap="md">
        <SegmentedControl
          aria-label={t('automation.emails.direction')}
          value={direction}
          onChange={(v) => setFilter('direction', v)}
          data={directions.map((d) => ({
            value: d,
            label: d ? t(`automation.emails.${d}`) : t('automation.emails.anyDirection'),
          }))}
        />
        <SegmentedControl
          aria-label={t('automation.emails.status')}
          value={status}
          onChange={(v) => setFilter('status', v)}
          data={statuses.map((s) => ({ value: s, label: label(s) }))}
        />
      </Group>
      <Paper withBorder radius="md" p="md">
        {q.isPending ? (
          <LoadingState />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('automation.emails.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('automation.emails.subject')}</Table.Th>
                  <Table.Th>{t('automation.emails.status')}</Table.Th>
                  <Table.Th>{t('automation.emails.when')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid={`email-${e.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {e.subject || '—'}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {e.direction === 'out'
                          ? `${t('automation.emails.to')}: ${e.to.join(', ')}`
                          : `${t('automation.emails.from')}: ${e.from.name ?? ''} ${e.from.address ?? ''}`.trim()}
                      </Text>
                      {(e.lastError || e.note) && (
                        <Alert color={e.lastError ? 'red' : 'gray'} variant="light" p={6} mt={4}>
                          <Text size="xs">
                            {e.lastError ? `${t('automation.emails.error')}: ${e.lastError}` : e.note}
                          </Text>
                        </Alert>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={statusColor[e.status] ?? 'gray'} tt="none">
                        {label(e.status)}
                      </Badge>
                      {e.direction === 'out' && (
                        <Text size="xs" c="dimmed">
                          {t('automation.emails.attempts', { count: e.attempts })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{formatDateTime(e.sentAt ?? e.receivedAt ?? e.createdAt, locale)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {e.direction === 'out' && e.status === 'failed' && (
                        <Button size="compact-sm" variant="light" onClick={() => retry(e)}>
                          {t('automation.emails.retry')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {q.hasNextPage && (
          <Button variant="subtle" mt="sm" onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
            {t('timeline.more')}
          </Button>
        )}
      </Paper>
    </Stack>
  );
}
