// History rows: who changed which field from what to what, written in the write's transaction.
// company_id carries the record's company so a company timeline reads one index range.
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/context';
import { clock } from '../../../platform/clock';
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

/** History of many records' changes in one statement (an import batch); one change id per record. */
export async function writeHistoryOfMany(
  ctx: Ctx,
  meta: LoadedObject,
  items: RecordHistory[],
  at: Date = clock.now(),
): Promise<void> {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const values = items.flatMap(({ recordId, companyId, entries }) => {
    const changeId = newId();
    return entries.map(
      (e) =>
        sql`(${ctx.workspaceId}, ${newId()}, ${meta.name}, ${recordId}, ${companyId}, ${changeId}, ${e.kind},
          ${e.field ?? null}, ${json(e.old)}::jsonb, ${json(e.new)}::jsonb, ${ctx.actor.userId}, ${at})`,
    );
  });
  // 12 parameters a row: stay well under PostgreSQL's 65,535 per statement.
  for (let i = 0; i < values.length; i += 4000)
    await sql`INSERT INTO record_history
        (workspace_id, id, object, record_id, company_id, change_id, kind, field, old_value, new_value, actor_id, at)
      VALUES ${sql.join(values.slice(i, i + 4000))}`.execute(ctx.db);
}
