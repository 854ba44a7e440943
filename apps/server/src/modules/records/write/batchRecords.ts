// Up to 100 creates, updates and deletes in one transaction: all succeed or none is kept. Field
// errors of every item are collected (named `create.3.email`) before anything is written.
import type { BatchRequest } from '@rapport/contracts/records';
import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { AppError, type FieldError, ValidationError } from '../../../platform/errors';
import { loadObject } from '../meta/loadObject';
import type { ApiRecord } from '../meta/types';
import { presentRecords } from '../read/presentRecord';
import { softDelete } from './deleteRecord';
import { applyUpdate, insertRecord } from './saveRecord';
import { type ValidInput, validateInput } from './validateInput';
import { withTx } from './withTx';

export const MAX_BATCH = 100;

export interface BatchResult {
  created: ApiRecord[];
  updated: ApiRecord[];
  deleted: string[];
}

/** Re-throws an item's error with the item named, so the caller knows which one failed. */
function named(err: unknown, prefix: string): never {
  if (err instanceof ValidationError)
    throw new ValidationError(
      (err.errors ?? []).map((e) => ({
        ...e,
        field: e.field.startsWith(prefix) ? e.field : `${prefix}.${e.field}`,
      })),
      `${prefix}: ${err.message}`,
    );
  if (err instanceof AppError)
    throw new AppError(err.status, err.title, `${prefix}: ${err.message}`, {
      errors: err.errors?.map((e) => ({ ...e, field: `${prefix}.${e.field}` })),
      extra: err.extra,
      headers: err.headers,
    });
  throw err;
}

export async function batchRecords(ctx: Ctx, object: string, req: BatchRequest): Promise<BatchResult> {
  const creates = req.create ?? [];
  const updates = req.update ?? [];
  const deletes = req.delete ?? [];
  const total = creates.length + updates.length + deletes.length;
  if (total === 0)
    throw new ValidationError([{ field: '(body)', message: 'Send create, update or delete items' }]);
  if (total > MAX_BATCH)
    throw new ValidationError([
      { field: '(body)', message: `At most ${MAX_BATCH} items per batch (got ${total})` },
    ]);
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    if (creates.length) authorize(tx.actor, meta.name, 'create');
    if (updates.length) authorize(tx.actor, meta.name, 'update');
    if (deletes.length) authorize(tx.actor, meta.name, 'delete');

    const errors: FieldError[] = [];
    const validCreates: ValidInput[] = [];
    const validUpdates: { id: string; ifMatch?: number; input: ValidInput }[] = [];
    creates.forEach((item, i) => {
      try {
        validCreates.push(validateInput(tx, meta, item, 'create', `create.${i}`));
      } catch (e) {
        if (e instanceof ValidationError) errors.push(...(e.errors ?? []));
        else throw e;
      }
    });
    updates.forEach((item, i) => {
      const { id, ifMatch, ...patch } = item;
      try {
        validUpdates.push({
          id: id.toLowerCase(),
          ifMatch,
          input: validateInput(tx, meta, patch, 'update', `update.${i}`),
        });
      } catch (e) {
        if (e instanceof ValidationError) errors.push(...(e.errors ?? []));
        else throw e;
      }
    });
    if (errors.length)
      throw new ValidationError(errors, 'Some batch items have invalid fields; nothing was saved');

    const created: ApiRecord[] = [];
    for (const [i, v] of validCreates.entries()) {
      try {
        created.push(await insertRecord(tx, meta, v, { errorPrefix: `create.${i}` }));
      } catch (e) {
        named(e, `create.${i}`);
      }
    }
    const updated: ApiRecord[] = [];
    for (const [i, u] of validUpdates.entries()) {
      try {
        updated.push(
          await applyUpdate(tx, meta, u.id, u.input, { ifMatch: u.ifMatch, errorPrefix: `update.${i}` }),
        );
      } catch (e) {
        named(e, `update.${i}`);
      }
    }
    const deleted: string[] = [];
    for (const [i, id] of deletes.entries()) {
      try {
        deleted.push((await softDelete(tx, meta, id)).id);
      } catch (e) {
        named(e, `delete.${i}`);
      }
    }
    return {
      created: await presentRecords(tx, meta, created),
      updated: await presentRecords(tx, meta, updated),
      deleted,
    };
  });
}
