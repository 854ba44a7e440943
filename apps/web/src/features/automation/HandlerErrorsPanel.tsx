// Handler errors (admins, under Settings → Workflows): events a handler — a workflow's matcher,
// webhook fan-out, sequence stop rules, scoring — threw on. The event still reached the other
// handlers; this list is where the failure is visible (GET /api/v1/automation/handler-errors).
import { Button, Code, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime } from '../../i18n/format';

interface HandlerError {
  eventId: string;
  handler: string;
  error: string;
  failedAt: string;
  event: { type: string | null; object: string | null; recordId: string | null };
}

export function HandlerErrorsPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const q = useInfiniteQuery({
    queryKey: ['automation', 'handler-errors'],
    queryFn: ({ pageParam }) =>
      api.get<{ data: HandlerError[]; nextCursor: string | null }>(
        `/api/v1/automation/handler-errors${qs({ limit: 50, after: pageParam })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="sm" component="section" aria-label={t('automation.handlerErrors.title')}>
      <div>
        <Text fw={600}>{t('automation.handlerErrors.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('automation.handlerErrors.hint')}
        </Text>
      </div>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('automation.handlerErrors.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('automation.handlerErrors.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('automation.handlerErrors.when')}</Table.Th>
                <Table.Th>{t('automation.handlerErrors.handler')}</Table.Th>
                <Table.Th>{t('automation.handlerErrors.event')}</Table.Th>
                <Table.Th>{t('automation.handlerErrors.error')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.eventId}:${r.handler}`}>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(r.failedAt, locale)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{r.handler}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      <code>{r.event.type ?? '—'}</code>
                      {r.event.object ? ` · ${r.event.object}` : ''}
                    </Text>
                    {r.event.object && r.event.recordId && (
                      <Text size="xs">
                        <Link to={`/${r.event.object}/${r.event.recordId}`}>
                          {t('automation.workflows.record')}
                        </Link>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="red" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                      {r.error}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {q.hasNextPage && (
        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => q.fetchNextPage()}
            loading={q.isFetchingNextPage}
          >
            {t('timeline.more')}
          </Button>
        </div>
      )}
    </Stack>
  );
}
