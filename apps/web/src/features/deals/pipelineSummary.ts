// The board's stage totals from the server: GET /reports/pipeline-summary with the board's own
// filters and q, so every deal counts (not only the ≤100 loaded per column) and amounts in other
// currencies are converted with the workspace's exchange rates.
import type { ListFilter, Money } from '@rapport/contracts/apiTypes';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { recordsKey } from '../../api/records';

export interface StageSummary {
  stageId: string;
  count: number;
  amount: Money;
  weighted: Money;
  byCurrency: { currency: string; count: number; amount: string }[];
}

export interface PipelineSummary {
  pipelineId: string;
  currency: string;
  stages: StageSummary[];
  total: { count: number; amount: Money; weighted: Money };
  amountsVisible: boolean;
  rates: Record<string, string>;
  unconverted: string[];
}

/** Under the deals' records key, so whatever refetches the board's cards refetches the totals. */
export const summaryKey = (pipelineId: string, filters: ListFilter[], q?: string) =>
  [...recordsKey('deals'), 'summary', pipelineId, filters, q ?? ''] as const;

export function usePipelineSummary(pipelineId: string | undefined, filters: ListFilter[], q?: string) {
  return useQuery({
    queryKey: summaryKey(pipelineId ?? '', filters, q),
    queryFn: ({ signal }) =>
      api.get<PipelineSummary>(
        `/api/v1/reports/pipeline-summary${qs({
          pipelineId,
          filters: filters.length ? JSON.stringify(filters) : undefined,
          q: q?.trim() || undefined,
        })}`,
        { signal },
      ),
    enabled: Boolean(pipelineId),
  });
}
