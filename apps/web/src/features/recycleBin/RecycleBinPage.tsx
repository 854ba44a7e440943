// /recycle-bin — deleted records the user may restore, newest first, until the retention period
// (a company setting) ends and a job purges them.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useSchema } from '../../api/schema';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime, localized } from '../../i18n/format';

interface BinItem {
  object: string;
  id: string;
  title: string;
  deletedAt: string;
  deletedBy?: { id: string; name: string } | null;
}

interface BinPage {
  data: BinItem[];
  nextCursor: string | null;
  retentionDays: number;
}

export function RecycleBinPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const client = useQueryClient();
  const message = useErrorMessage();
  const navigate = useNavigate();
  const q = useInfiniteQuery({
    queryKey: ['recycleBin'],
    queryFn: ({ pageParam }) =>
      api.get<BinPage>(
        `/api/v1/recycle-bin?limit=50${pageParam ? `&after=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.data) ?? [];
  const days = q.data?.pages[0]?.retentionDays;
  const label = (object: string) => {
    const m = schema.data?.find((o) => o.name === object);
    return m ? localized(m.label, locale) : object;
  };
  const restore = async (item: BinItem) => {
    try {
      await api.post(
        `/api/v1/recycle-bin/${encodeURIComponent(item.object)}/${encodeURIComponent(item.id)}/restore`,
      );
      await Promise.all([
        client.invalidateQueries({ queryKey: ['recycleBin'] }),
        client.invalidateQueries({ queryKey: ['records', item.object] }),
      ]);
      // Notifications render outside the router: navigate from here, no <Link> inside them.
      notifications.show({
        color: 'green',
        message: (
          <Group gap="xs">
            <Text size="sm">{t('bin.restored', { name: item.title })}</Text>
            <Button size="compact-xs" variant="light" onClick={() => navigate(`/${item.object}/${item.id}`)}>
              {t('bin.open')}
            </Button>
          </Group>
        ),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <Stack gap="md" pb={80}>
      <div>
        <Title order={1} size="h3">
          {t('bin.title')}
        </Title>
        {days !== undefined && (
          <Text size="sm" c="dimmed">
            {t('bin.hint', { count: days })}
          </Text>
        )}
      </div>
      <Paper withBorder radius="md" p="md">
        {q.isPending ? (
          <LoadingState />
        ) : q.isError ? (
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('bin.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.object}:${item.id}`}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" fw={500}>
                          {item.title || '—'}
                        </Text>
                        <Badge size="xs" variant="light" color="gray" tt="none">
                          {label(item.object)}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t('bin.deletedAt', { when: formatDateTime(item.deletedAt, locale) })}
                        {item.deletedBy?.name ? ` · ${item.deletedBy.name}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td w={120} ta="right">
                      <Button size="compact-sm" variant="light" onClick={() => restore(item)}>
                        {t('bin.restore')}
                      </Button>
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
