// Bulk changes to many records: updates go through the batch endpoint (100 per call, each call
// all-or-nothing); deletes too. The result says exactly what failed.
import { recordsApi } from '../../../api/records';

export const BATCH_SIZE = 100;

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface BulkResult {
  done: number;
  failed: number;
  firstError?: unknown;
}

export async function bulkUpdate(
  object: string,
  ids: string[],
  patch: Record<string, unknown>,
): Promise<BulkResult> {
  const res: BulkResult = { done: 0, failed: 0 };
  for (const part of chunks(ids, BATCH_SIZE)) {
    try {
      await recordsApi.batchUpdate(
        object,
        part.map((id) => ({ id, ...patch })),
      );
      res.done += part.length;
    } catch (err) {
      res.failed += part.length;
      res.firstError ??= err;
    }
  }
  return res;
}

export async function bulkDelete(object: string, ids: string[]): Promise<BulkResult & { deleted: string[] }> {
  const res = { done: 0, failed: 0, firstError: undefined as unknown, deleted: [] as string[] };
  for (const part of chunks(ids, BATCH_SIZE)) {
    try {
      await recordsApi.batchDelete(object, part);
      res.done += part.length;
      res.deleted.push(...part);
    } catch (err) {
      res.failed += part.length;
      res.firstError ??= err;
    }
  }
  return res;
}
