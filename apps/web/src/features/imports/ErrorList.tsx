// The row errors of an import with their row numbers (the file's line, header = 1). The import's
// answer carries the first ones; the rest page in from GET /imports/{id}/errors on request.
import { Button, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/States';
import { importsApi, type RowError } from './importApi';

export function ErrorList({
  importId,
  errors,
  errorCount,
  runKey,
}: {
  importId: string;
  errors: RowError[];
  errorCount: number;
  /** Changes with every run of the import, so a re-run's errors are fetched afresh. */
  runKey: string;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const q = useInfiniteQuery({
    queryKey: ['importErrors', importId, runKey],
    queryFn: ({ pageParam }) => importsApi.errors(importId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: all,
  });
  if (errorCount === 0) return null;
  if (all && q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const shown = all && q.data ? q.data.pages.flatMap((p) => p.data) : errors;
  const more = all ? Boolean(q.hasNextPage) : errorCount > errors.length;
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {t('imports.errorsTitle', { count: errorCount })}
      </Text>
      <Table.ScrollContainer minWidth={360}>
        <Table striped aria-label={t('imports.errorsTitle', { count: errorCount })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={`${e.row}:${e.column}:${e.message}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.column ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt="xs"
          loading={q.isFetching}
          onClick={() => (all ? q.fetchNextPage() : setAll(true))}
        >
          {t('imports.moreErrors')}
        </Button>
      )}
    </div>
  );
}
