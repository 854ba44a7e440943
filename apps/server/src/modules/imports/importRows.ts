// Reads and writes of the import tables (0080): the import itself, its row errors and its changes.
import { type Selectable, sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Executor } from '../../platform/db/schema';
import type { RowError } from './rowValues';
import type { Change, Counts } from './processBatch';
import type { ImportsTable } from './tables';
import './tables';

export type ImportRow = Selectable<ImportsTable>;

export async function loadImport(
  db: Executor,
  workspaceId: string,
  id: string,
  forUpdate = false,
): Promise<ImportRow | undefined> {
  let q = db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as ImportRow | undefined;
}

export async function insertErrors(
  db: Executor,
  workspaceId: string,
  importId: string,
  errors: RowError[],
): Promise<void> {
  if (!errors.length) return;
  const seq = new Map<number, number>();
  const rows = errors.map((e) => {
    const n = seq.get(e.row) ?? 0;
    seq.set(e.row, n + 1);
    return {
      workspace_id: workspaceId,
      import_id: importId,
      row: e.row,
      seq: n,
      column_name: e.column,
      field: e.field,
      message: e.message.slice(0, 2000),
    };
  });
  // Parameters per statement are limited; a batch of 500 rows with several errors each stays under.
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('import_errors')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['workspace_id', 'import_id', 'row', 'seq']).doNothing())
      .execute();
  }
}

/**
 * Records what the import did to each record. A record touched twice keeps its first "before"
 * (what undo restores) and its last "after"; one it created stays "created".
 */
export async function insertChanges(
  db: Executor,
  workspaceId: string,
  importId: string,
  all: Change[],
): Promise<void> {
  // One statement may not upsert a row twice: fold a batch's changes to one per record first.
  const byRecord = new Map<string, Change>();
  for (const c of all) {
    const key = `${c.object}:${c.recordId}`;
    const first = byRecord.get(key);
    if (!first) byRecord.set(key, { ...c });
    else {
      if (first.action !== 'created') first.before = { ...c.before, ...first.before };
      first.after = { ...first.after, ...c.after };
    }
  }
  const changes = [...byRecord.values()];
  for (let i = 0; i < changes.length; i += 500) {
    const rows = changes.slice(i, i + 500).map((c) => ({
      workspace_id: workspaceId,
      import_id: importId,
      object: c.object,
      record_id: c.recordId,
      action: c.action,
      row: c.row,
      before: c.before ? JSON.stringify(c.before) : null,
      after: JSON.stringify(c.after),
    }));
    await db
      .insertInto('import_changes')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'import_id', 'object', 'record_id']).doUpdateSet({
          before: sql`coalesce(excluded.before, '{}'::jsonb) || coalesce(import_changes.before, '{}'::jsonb)`,
          after: sql`import_changes.after || excluded.after`,
          action: sql`import_changes.action`,
        }),
      )
      .execute();
  }
}

export async function addProgress(
  db: Executor,
  workspaceId: string,
  id: string,
  p: { counts: Counts; rows: number; lastRow: number; preview?: unknown[] },
): Promise<void> {
  await db
    .updateTable('imports')
    .set((eb) => ({
      created_count: eb('created_count', '+', p.counts.created),
      updated_count: eb('updated_count', '+', p.counts.updated),
      skipped_count: eb('skipped_count', '+', p.counts.skipped),
      failed_count: eb('failed_count', '+', p.counts.failed),
      processed_rows: eb('processed_rows', '+', p.rows),
      last_row: p.lastRow,
      ...(p.preview ? { preview: JSON.stringify(p.preview) } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function setStatus(
  db: Executor,
  workspaceId: string,
  id: string,
  status: ImportRow['status'],
  extra: Partial<Pick<ImportRow, 'error' | 'total_rows' | 'file_path'>> & {
    started?: boolean;
    finished?: boolean;
  } = {},
): Promise<void> {
  const { started, finished, ...rest } = extra;
  await db
    .updateTable('imports')
    .set({
      status,
      ...rest,
      ...(started ? { started_at: clock.now() } : {}),
      ...(finished ? { finished_at: clock.now() } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
