// Every record of a list view, page by page through the record engine (the same filters, sort and
// access scope as GET /objects/{object}), so an export of a million rows holds one page at a time.
import type { Ctx } from '../../platform/context';
import type { ApiRecord } from '../records/meta/types';
import type { ListRequest } from '../records/query/compileList';
import { listRecords } from '../records/read/listRecords';

export const EXPORT_PAGE = 200;

export async function* allRecords(ctx: Ctx, object: string, req: ListRequest): AsyncGenerator<ApiRecord> {
  let after: string | null | undefined = req.after;
  for (;;) {
    const page = await listRecords(ctx, object, { ...req, limit: EXPORT_PAGE, after });
    for (const r of page.data) yield r;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
