import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord } from '../meta/types';
import { fetchRecords } from './fetchRecords';
import { presentRecord } from './presentRecord';

/** One record as the caller may see it; missing, deleted and out-of-scope all answer 404. */
export async function getRecord(
  ctx: Ctx,
  object: string,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<ApiRecord> {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  const notFound = new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);
  if (!isUuid(id)) throw notFound;
  const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, [id.toLowerCase()], {
    actor: ctx.actor,
    deleted: opts.includeDeleted ? 'any' : 'live',
  });
  if (!records[0]) throw notFound;
  return presentRecord(ctx, meta, records[0]);
}
