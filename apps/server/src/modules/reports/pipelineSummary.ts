// The pipeline summary: per stage of one pipeline, the number of deals and their amounts summed in
// each currency and converted into the workspace currency (weighted by the stage's probability
// too). One GROUP BY over the deals the caller may read, narrowed by the board's filters and `q`
// compiled by the list's own filter compiler (so scope, hidden fields and every operator mean
// exactly what they mean in the list).
import type { RecordFilter } from '@rapport/contracts/records';
import Decimal from 'decimal.js';
import { type RawBuilder, sql } from 'kysely';
import { authorize } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { fieldError, NotFound } from '../../platform/errors';
import { escapeLike, normalizeQuery } from '../../platform/search/searchText';
import { fieldAccess } from '../records/meta/fieldAccess';
import { loadObject } from '../records/meta/loadObject';
import { baseCondition } from '../records/query/fieldSql';
import { compileFilters } from '../records/query/filterSql';
import { hiddenSearchGuard } from '../records/query/hiddenSearch';
import { scopeSql } from '../records/read/fetchRecords';
import { defaultPipelineId } from '../pipelines/pipelineQueries';
import { workspaceRates } from './exchangeRates';

interface Money {
  amount: string;
  currency: string;
}

export interface StageSummary {
  stageId: string;
  name: string;
  labels: Record<string, string>;
  kind: 'open' | 'won' | 'lost';
  probability: number;
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
  /** False when the caller may not see deal amounts: amounts are then zero, counts still hold. */
  amountsVisible: boolean;
  /** The rates used (currency → units of the workspace currency), so a client can move a deal's
   * converted amount between stages before the refetch arrives. */
  rates: Record<string, string>;
  /** Currencies with deals but no exchange rate: counted, not included in converted amounts. */
  unconverted: string[];
}

const money = (d: Decimal, currency: string): Money => ({ amount: d.toFixed(2), currency });

export interface SummaryInput {
  pipelineId?: string;
  /** The list's filter tree (conditions and `or` groups), AND-ed. */
  filters?: RecordFilter[];
  q?: string;
}

export async function pipelineSummary(ctx: Ctx, input: SummaryInput): Promise<PipelineSummary> {
  authorize(ctx.actor, 'deals', 'read');
  const meta = await loadObject(ctx, 'deals');
  const pipelineId = input.pipelineId ?? (await defaultPipelineId(ctx.db, ctx.workspaceId));
  const stages = await sql<{
    id: string;
    name: string;
    labels: Record<string, string>;
    kind: 'open' | 'won' | 'lost';
    probability: number;
  }>`SELECT s.id, s.name, s.labels, s.kind, s.probability FROM pipelines p
      JOIN pipeline_stages s ON s.workspace_id = p.workspace_id AND s.pipeline_id = p.id AND s.archived_at IS NULL
      WHERE p.workspace_id = ${ctx.workspaceId} AND p.id = ${pipelineId} AND p.archived_at IS NULL
      ORDER BY s.position`.execute(ctx.db);
  if (stages.rows.length === 0) throw new NotFound(`There is no pipeline ${pipelineId}`);

  const conds: RawBuilder<unknown>[] = [
    baseCondition(meta, 'd', ctx.workspaceId),
    sql`d.pipeline_id = ${pipelineId}`,
    sql`d.deleted_at IS NULL`,
  ];
  const scope = scopeSql(ctx.actor, 'deals', 'read', 'd');
  if (scope) conds.push(scope);
  conds.push(
    ...(await compileFilters(
      {
        ctx,
        meta,
        alias: 'd',
        tc: { userId: ctx.actor.userId, timeZone: meta.workspace.timeZone },
        related: new Map(),
      },
      input.filters ?? [],
    )),
  );
  if (input.q !== undefined && input.q.trim() !== '') {
    // As the list's `q`: the normalised text against search_text, through its trigram index.
    const q = normalizeQuery(input.q);
    if (!q) throw fieldError('q', 'The search text has nothing to search for');
    conds.push(sql`d.search_text ILIKE ${`%${escapeLike(q)}%`}`);
    const guard = hiddenSearchGuard(ctx.actor, meta, 'd', [q]);
    if (guard) conds.push(guard);
  }
  // A caller from whom amounts are hidden gets counts only: a sum would reveal what the field hides.
  const amountsVisible = fieldAccess(ctx.actor, 'deals', 'amount') !== 'hidden';
  const amountSql = amountsVisible ? sql`sum(d.amount)::text` : sql`NULL::text`;
  const currencySql = amountsVisible ? sql`d.currency` : sql`NULL::text`;
  const sums = await sql<{ stage_id: string; currency: string | null; n: number; total: string | null }>`
    SELECT d.stage_id, ${currencySql} AS currency, count(*)::int AS n, ${amountSql} AS total FROM deals AS d
    WHERE ${sql.join(conds, sql` AND `)}
    GROUP BY d.stage_id, d.currency`.execute(ctx.db);

  const { currency, rates } = await workspaceRates(ctx.db, ctx.workspaceId);
  const unconverted = new Set<string>();
  const used: Record<string, string> = { [currency]: '1' };
  const byStage = new Map<string, typeof sums.rows>();
  for (const r of sums.rows) byStage.set(r.stage_id, [...(byStage.get(r.stage_id) ?? []), r]);

  let totalCount = 0;
  let totalAmount = new Decimal(0);
  let totalWeighted = new Decimal(0);
  const out: StageSummary[] = stages.rows.map((s) => {
    let count = 0;
    let amount = new Decimal(0);
    const byCurrency: StageSummary['byCurrency'] = [];
    for (const r of byStage.get(s.id) ?? []) {
      count += r.n;
      if (r.total === null || r.currency === null) continue; // deals without an amount
      const code = r.currency.trim();
      byCurrency.push({ currency: code, count: r.n, amount: new Decimal(r.total).toFixed(2) });
      const rate = rates.get(code);
      if (rate) {
        amount = amount.plus(new Decimal(r.total).times(rate));
        used[code] = rate.toString();
      } else unconverted.add(code);
    }
    byCurrency.sort((a, b) => a.currency.localeCompare(b.currency));
    const weighted = amount.times(s.probability).dividedBy(100);
    totalCount += count;
    totalAmount = totalAmount.plus(amount);
    totalWeighted = totalWeighted.plus(weighted);
    return {
      stageId: s.id,
      name: s.name,
      labels: s.labels,
      kind: s.kind,
      probability: s.probability,
      count,
      amount: money(amount, currency),
      weighted: money(weighted, currency),
      byCurrency,
    };
  });
  return {
    pipelineId,
    currency,
    stages: out,
    total: {
      count: totalCount,
      amount: money(totalAmount, currency),
      weighted: money(totalWeighted, currency),
    },
    amountsVisible,
    rates: used,
    unconverted: [...unconverted].sort(),
  };
}
