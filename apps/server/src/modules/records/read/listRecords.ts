// Lists an object's records for the caller: the compiled query (one or two index-ordered phases),
// link fields selected by the page query itself, then the related names in one query. Never counts the table.
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord, LoadedObject } from '../meta/types';
import { encodeCursor } from '../query/cursor';
import { type CompiledList, compileList, cursorValuesOf, type ListRequest } from '../query/compileList';
import { authorize } from '../../../platform/access/authorize';
import { linksFromRows } from '../links/linkStores';
import { presentRecords } from './presentRecord';
import { rowToRecord } from './rowToRecord';

export interface Page {
  data: ApiRecord[];
  nextCursor: string | null;
  /** Only when asked for (`total`): exact, or the planner's estimate (`totalIsEstimate`). */
  total?: number;
  totalIsEstimate?: boolean;
}

/** The number of matching rows: counted, or estimated from the plan without reading them. */
export async function countMatching(
  ctx: Ctx,
  compiled: CompiledList,
  how: 'exact' | 'estimate',
): Promise<number> {
  if (how === 'exact') {
    const res = await sql<{
      n: number | string;
    }>`SELECT count(*) AS n FROM (${compiled.matching}) AS m`.execute(ctx.db);
    return Number(res.rows[0]?.n ?? 0);
  }
  const res = await sql<{ 'QUERY PLAN': unknown }>`EXPLAIN (FORMAT JSON) ${compiled.matching}`.execute(
    ctx.db,
  );
  const raw = res.rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.max(0, Math.round(plan[0]?.Plan['Plan Rows'] ?? 0));
}

/** Runs the compiled phases and returns the page's full records (not yet presented). */
export async function runList(
  ctx: Ctx,
  meta: LoadedObject,
  compiled: CompiledList,
): Promise<{ records: ApiRecord[]; nextCursor: string | null }> {
  const rows: Record<string, unknown>[] = [];
  let more = false;
  for (const phase of compiled.phases) {
    const want = compiled.limit - rows.length;
    const res = await phase.query.execute(ctx.db);
    // A full page still asks the next phase whether anything follows, so the last page's cursor is null.
    rows.push(...res.rows.slice(0, Math.max(want, 0)));
    if (res.rows.length > want) {
      more = true;
      break;
    }
  }
  const records = rows.map((r) => rowToRecord(meta, r).record);
  linksFromRows(meta, records, rows);
  const last = rows[rows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(compiled.fingerprint, cursorValuesOf(last, compiled.keys), last.id as string)
      : null;
  return { records, nextCursor };
}

export async function listRecords(ctx: Ctx, object: string, req: ListRequest = {}): Promise<Page> {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  const compiled = await compileList(ctx, meta, req);
  const { records, nextCursor } = await runList(ctx, meta, compiled);
  const page: Page = { data: await presentRecords(ctx, meta, records), nextCursor };
  if (req.total) {
    page.total = await countMatching(ctx, compiled, req.total);
    page.totalIsEstimate = req.total === 'estimate';
  }
  return page;
}
