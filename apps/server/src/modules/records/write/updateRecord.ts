import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord } from '../meta/types';
import { presentRecord } from '../read/presentRecord';
import { applyUpdate } from './saveRecord';
import { validateInput } from './validateInput';
import { withTx } from './withTx';

/** Partial update; a stale `ifMatch` is a 412 carrying the current record; a no-op writes nothing. */
export async function updateRecord(
  ctx: Ctx,
  object: string,
  id: string,
  patch: Record<string, unknown>,
  opts: { ifMatch?: number } = {},
): Promise<ApiRecord> {
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    authorize(tx.actor, meta.name, 'update');
    if (!isUuid(id)) throw new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);
    const valid = validateInput(tx, meta, patch, 'update');
    const rec = await applyUpdate(tx, meta, id.toLowerCase(), valid, opts);
    return presentRecord(tx, meta, rec);
  });
}
