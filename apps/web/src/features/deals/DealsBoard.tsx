// /deals?view=board — deals of one pipeline by stage, with the list's filters. A drop moves the
// card (and the stage totals) at once and saves with If-Match; if the server refuses (a stale copy,
// a required field, no permission) the card goes back and a message says why. Stage totals come
// from the server's pipeline summary under the same filters, so they count every deal.
import type { ListFilter, Money, Page, RecordBase } from '@rapport/contracts/apiTypes';
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
import { type Columns, columnTotal, moveCard, moveInSummary } from './boardModel';
import { BoardView, type StageTotal } from './BoardView';
import { type PipelineSummary, summaryKey, usePipelineSummary } from './pipelineSummary';

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

  // The columns are the stages, so a stage filter of the list does not apply to the board.
  const boardFilters = filters.filter((f) => isGroup(f) || f.field !== 'stageId');
  const summary = usePipelineSummary(pipeline?.id, boardFilters, q);
  const stageQueries = useQueries({
    queries: stages.map((s) => {
      const query = {
        filters: [...boardFilters, { field: 'stageId', op: 'eq' as const, value: s.id }],
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
  const totals = stageTotals(stages, columns, currency, summary.data, (i) =>
    Boolean((stageQueries[i]?.data as Page<RecordBase> | undefined)?.nextCursor),
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
    // The totals move with the card; the refetch after the save brings the server's figures.
    const key = summaryKey(pipeline.id, boardFilters, q);
    await client.cancelQueries({ queryKey: key });
    const before = client.getQueryData<PipelineSummary>(key);
    client.setQueryData<PipelineSummary>(key, (old) =>
      old ? moveInSummary(old, from, toStage, deal.amount as Money | null) : old,
    );
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
      if (before) client.setQueryData(key, before);
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
          totals={totals}
          onMove={onMove}
          canMove={can(me.data?.permissions, 'deals', 'update')}
        />
      )}
      {summary.isError && (
        <Text size="xs" c="dimmed">
          {t('dealsBoard.totalsUnavailable')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('board.hint')}
      </Text>
    </>
  );
}

/**
 * Each column's header figures: the server's summary when it is in (every matching deal,
 * converted), otherwise the loaded cards alone, marked partial when a column has more.
 */
function stageTotals(
  stages: { id: string }[],
  columns: Columns,
  currency: string,
  summary: PipelineSummary | undefined,
  more: (index: number) => boolean,
): Record<string, StageTotal> {
  const out: Record<string, StageTotal> = {};
  stages.forEach((s, i) => {
    const fromServer = summary?.stages.find((x) => x.stageId === s.id);
    if (summary && fromServer) {
      const unconverted = fromServer.byCurrency
        .filter((c) => summary.rates[c.currency] === undefined)
        .reduce((n, c) => n + c.count, 0);
      out[s.id] = {
        count: fromServer.count,
        amount: summary.amountsVisible ? fromServer.amount : null,
        unconverted,
      };
      return;
    }
    const local = columnTotal(columns[s.id] ?? [], currency);
    out[s.id] = {
      count: local.count,
      amount: local.total,
      unconverted: local.otherCurrencies,
      partial: more(i),
    };
  });
  return out;
}
