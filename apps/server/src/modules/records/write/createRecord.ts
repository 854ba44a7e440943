import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord } from '../meta/types';
import { presentRecord } from '../read/presentRecord';
import { insertRecord } from './saveRecord';
import { validateInput } from './validateInput';
import { withTx } from './withTx';

/** Creates a record of any object; `opts.id` (or `input.id`) is a client-made UUID. */
export async function createRecord(
  ctx: Ctx,
  object: string,
  input: Record<string, unknown>,
  opts: { id?: string } = {},
): Promise<ApiRecord> {
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    authorize(tx.actor, meta.name, 'create');
    const valid = validateInput(tx, meta, opts.id ? { ...input, id: opts.id } : input, 'create');
    const rec = await insertRecord(tx, meta, valid);
    return presentRecord(tx, meta, rec);
  });
}
