// Lists an object's records for the caller: the compiled query (one or two index-ordered phases),
// then the page's link fields and related names in one query each. Never counts the table.
import type { Ctx } from '../../../platform/context';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord, LoadedObject } from '../meta/types';
import { encodeCursor } from '../query/cursor';
import { type CompiledList, compileList, cursorValuesOf, type ListRequest } from '../query/compileList';
import { authorize } from '../../../platform/access/authorize';
import { attachLinks } from './fetchRecords';
import { presentRecords } from './presentRecord';
import { rowToRecord } from './rowToRecord';

export interface Page {
  data: ApiRecord[];
  nextCursor: string | null;
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
  await attachLinks(ctx.db, ctx.workspaceId, meta, records);
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
  return { data: await presentRecords(ctx, meta, records), nextCursor };
}
