// /deals?view=board — deals of one pipeline by stage, with the list's filters. A drop moves the
// card at once and saves with If-Match; if the server refuses (a stale copy, a required field,
// no permission) the card goes back and a message says why.
import type { ListFilter, Page, RecordBase } from '@rapport/contracts/apiTypes';
import { isGroup } from '@rapport/contracts/apiTypes';
import { Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { usePipelines } from '../../api/catalog';
import { recordsApi, recordsKey, searchRecords } from '../../api/records';
import { can } from '../../app/permissions';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { nameOf } from '../../i18n/format';
import { type Columns, moveCard } from './boardModel';
import { BoardView } from './BoardView';

const PER_STAGE = 100;

export function DealsBoard({ filters, q }: { filters: ListFilter[]; q?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const client = useQueryClient();
  const message = useErrorMessage();
  const pipelines = usePipelines();
  const [params, setParams] = useSearchParams();
  const list = pipelines.data ?? [];
  const pipeline =
    list.find((p) => p.id === params.get('pipeline')) ?? list.find((p) => p.isDefault) ?? list[0];
  const stages = pipeline?.stages ?? [];
  const currency = me.data?.workspace.currency ?? 'USD';

  const stageQueries = useQueries({
    queries: stages.map((s) => {
      const query = {
        filters: [
          ...filters.filter((f) => isGroup(f) || f.field !== 'stageId'),
          { field: 'stageId', op: 'eq' as const, value: s.id },
        ],
        sort: [{ field: 'closeDate', direction: 'asc' as const }],
        q,
      };
      return {
        queryKey: [...recordsKey('deals'), 'board', s.id, query],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          searchRecords('deals', query, PER_STAGE, null, signal),
      };
    }),
  });

  // Server columns, with moves still being saved applied on top, so a card stays where it was
  // dropped until the server's copy shows it there (or the move is rolled back).
  const [pending, setPending] = useState<Record<string, string>>({});
  const server: Columns = {};
  stages.forEach((s, i) => {
    server[s.id] = (stageQueries[i]?.data as Page<RecordBase> | undefined)?.data ?? [];
  });
  const columns = Object.entries(pending).reduce((c, [id, to]) => moveCard(c, id, to).columns, server);
  const partial = Object.fromEntries(
    stages.map((s, i) => [
      s.id,
      Boolean((stageQueries[i]?.data as Page<RecordBase> | undefined)?.nextCursor),
    ]),
  );

  if (pipelines.isPending) return <LoadingState />;
  if (pipelines.isError) return <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />;
  if (!pipeline) return <EmptyState title={t('board.noPipelineTitle')} hint={t('board.noPipelineHint')} />;
  const failed = stageQueries.find((q) => q.isError);
  if (failed)
    return (
      <ErrorState
        error={failed.error}
        onRetry={() => {
          for (const q of stageQueries) void q.refetch();
        }}
      />
    );

  const onMove = async (dealId: string, toStage: string) => {
    const { from } = moveCard(columns, dealId, toStage);
    if (!from) return;
    const deal = columns[from]!.find((d) => d.id === dealId)!;
    setPending((p) => ({ ...p, [dealId]: toStage }));
    try {
      await recordsApi.update('deals', dealId, { stageId: toStage }, deal.version);
      await client.invalidateQueries({ queryKey: recordsKey('deals') });
    } catch (err) {
      notifications.show({
        color: 'red',
        title: t('board.moveFailed', { name: String(deal.name ?? '') }),
        message: message(err),
        autoClose: 8000,
      });
      // The server copy may have moved on (a 412): fetch it so the next try starts fresh.
      void client.invalidateQueries({ queryKey: recordsKey('deals') });
    } finally {
      setPending(({ [dealId]: _done, ...rest }) => rest);
    }
  };

  return (
    <>
      {list.length > 1 && (
        <Group gap="xs">
          <Select
            aria-label={t('board.pipeline')}
            size="sm"
            w={240}
            data={list.map((p) => ({ value: p.id, label: nameOf(p, locale) }))}
            value={pipeline.id}
            allowDeselect={false}
            onChange={(v) =>
              setParams((prev) => {
                const n = new URLSearchParams(prev);
                if (v) n.set('pipeline', v);
                return n;
              })
            }
          />
        </Group>
      )}
      {stageQueries.some((q) => q.isPending) ? (
        <LoadingState />
      ) : (
        <BoardView
          pipeline={pipeline}
          columns={columns}
          currency={currency}
          partial={partial}
          onMove={onMove}
          canMove={can(me.data?.permissions, 'deals', 'update')}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('board.hint')}
      </Text>
    </>
  );
}
