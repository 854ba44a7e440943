// History rows: who changed which field from what to what, written in the write's transaction.
// company_id carries the record's company so a company timeline reads one index range.
import type { Ctx } from '../../../platform/context';
import { clock } from '../../../platform/clock';
import { insertMany } from '../../../platform/db/insertMany';
import { newId } from '../../../platform/ids';
import type { ApiRecord, LoadedObject } from '../meta/types';

export type HistoryKind = 'created' | 'updated' | 'deleted' | 'restored' | 'converted' | 'merged';

export interface HistoryEntry {
  kind: HistoryKind;
  field?: string | null;
  old?: unknown;
  new?: unknown;
}

/** The company a record belongs to, for the company's 360° timeline. */
export function companyOf(meta: LoadedObject, rec: ApiRecord | null): string | null {
  if (!rec || !meta.companyColumn) return null;
  if (meta.companyColumn === 'id') return rec.id;
  const v = rec.companyId;
  return typeof v === 'string' ? v : null;
}

export async function writeHistory(
  ctx: Ctx,
  meta: LoadedObject,
  recordId: string,
  companyId: string | null,
  entries: HistoryEntry[],
  at: Date = clock.now(),
): Promise<void> {
  await writeHistoryOfMany(ctx, meta, [{ recordId, companyId, entries }], at);
}

export interface RecordHistory {
  recordId: string;
  companyId: string | null;
  entries: HistoryEntry[];
}

/** History of many records' changes in one statement; one change id per record. */
export async function writeHistoryOfMany(
  ctx: Ctx,
  meta: LoadedObject,
  items: RecordHistory[],
  at: Date = clock.now(),
): Promise<void> {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const rows = items.flatMap(({ recordId, companyId, entries }) => {
    const changeId = newId();
    return entries.map((e) => ({
      workspace_id: ctx.workspaceId,
      id: newId(),
      object: meta.name,
      record_id: recordId,
      company_id: companyId,
      change_id: changeId,
      kind: e.kind,
      field: e.field ?? null,
      old_value: json(e.old),
      new_value: json(e.new),
      actor_id: ctx.actor.userId,
      at,
    }));
  });
  await insertMany(ctx.db, 'record_history', rows, ['old_value', 'new_value']);
}
