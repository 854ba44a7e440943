// A sequence's enrolments on the settings screen: who is enrolled (linking to the record), the state,
// the next step with its merge fields as readable placeholders, and when; pause and resume each.
import { Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, qs } from '../../api/client';
import { useSchema } from '../../api/schema';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime, localized } from '../../i18n/format';
import { type Enrollment, type EnrollmentVerb, enrollmentPath } from './sequenceTypes';
import { EnrollmentStatus } from './EnrollmentStatus';
import { useStepText } from './useStepText';

export function SequenceEnrollments({ sequenceId }: { sequenceId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const schema = useSchema();
  const stepText = useStepText();
  const [busy, setBusy] = useState<string | null>(null);
  const key = ['sequences', sequenceId, 'enrollments'];
  const q = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.get<{ data: Enrollment[]; nextCursor: string | null }>(
        `/api/v1/sequences/${encodeURIComponent(sequenceId)}/enrollments${qs({ limit: 20, after: pageParam })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const act = async (e: Enrollment, verb: EnrollmentVerb) => {
    setBusy(e.id);
    try {
      await api.post(enrollmentPath(e, verb));
      await client.invalidateQueries({ queryKey: key });
      notifications.show({
        color: 'green',
        message: t(verb === 'pause' ? 'automation.sequences.paused' : 'automation.sequences.resumed'),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    } finally {
      setBusy(null);
    }
  };

  const objectLabel = (object: string) => {
    const meta = schema.data?.find((o) => o.name === object);
    return meta ? localized(meta.label, locale) : object;
  };

  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const rows = q.data.pages.flatMap((p) => p.data);
  if (!rows.length) return <EmptyState title={t('automation.sequences.noEnrollments')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t('automation.sequences.enrollments')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('automation.sequences.record')}</Table.Th>
              <Table.Th>{t('automation.sequences.status')}</Table.Th>
              <Table.Th>{t('automation.sequences.nextStep')}</Table.Th>
              <Table.Th>{t('automation.sequences.nextRunAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {e.recordName !== null ? (
                    <Link to={`/${e.object}/${e.recordId}`}>{e.recordName || e.recordId.slice(0, 8)}</Link>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('automation.sequences.recordHidden')}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {objectLabel(e.object)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <EnrollmentStatus enrollment={e} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{stepText(e) ?? '—'}</Text>
                </Table.Td>
                <Table.Td>{e.nextRunAt ? formatDateTime(e.nextRunAt, locale) : '—'}</Table.Td>
                <Table.Td>
                  {(e.status === 'active' || e.status === 'paused') && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      loading={busy === e.id}
                      onClick={() => act(e, e.status === 'active' ? 'pause' : 'resume')}
                    >
                      {t(
                        e.status === 'active' ? 'automation.sequences.pause' : 'automation.sequences.resume',
                      )}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {q.hasNextPage && (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('timeline.more')}
        </Button>
      )}
    </>
  );
}
