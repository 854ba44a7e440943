// What the API answers for an import: its state and counts, the mapping per column, the first row
// errors (all of them page through GET /imports/{id}/errors), the preview of a dry run, and the
// fields the wizard can map columns to.
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { loadObject } from '../records/meta/loadObject';
import type { ColumnMapping } from './autoMap';
import { importFields } from './importFields';
import type { ImportRow } from './importRows';
import type { ImportOptions } from './importOptions';
import { defaultMatch } from './matchRecords';
import { socialTargets } from './socialTargets';

export const ERRORS_IN_ANSWER = 100;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface PresentedError {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

export async function rowErrors(
  ctx: Ctx,
  importId: string,
  limit: number,
  after?: { row: number; seq: number },
) {
  let q = ctx.db
    .selectFrom('import_errors')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('import_id', '=', importId)
    .select(['row', 'seq', 'column_name', 'field', 'message'])
    .orderBy('row')
    .orderBy('seq')
    .limit(limit + 1);
  if (after)
    q = q.where((eb) =>
      eb.or([eb('row', '>', after.row), eb.and([eb('row', '=', after.row), eb('seq', '>', after.seq)])]),
    );
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map((e) => ({ row: e.row, column: e.column_name, field: e.field, message: e.message })),
    nextCursor: rows.length > limit && last ? `${last.row}.${last.seq}` : null,
  };
}

export async function presentImport(ctx: Ctx, row: ImportRow) {
  const options = row.options as ImportOptions;
  const mapping = row.mapping as ColumnMapping[];
  const [errors, errorCount, related] = await Promise.all([
    rowErrors(ctx, row.id, ERRORS_IN_ANSWER),
    sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM import_errors WHERE workspace_id = ${ctx.workspaceId} AND import_id = ${row.id}`.execute(
      ctx.db,
    ),
    sql<{ object: string; n: number }>`SELECT object, count(*)::int AS n FROM import_changes
      WHERE workspace_id = ${ctx.workspaceId} AND import_id = ${row.id} AND action = 'created' AND object <> ${row.object}
      GROUP BY object`.execute(ctx.db),
  ]);
  let fields: { name: string; type: string; label: unknown; required: boolean; options?: unknown }[] = [];
  let match = options.match;
  try {
    const meta = await loadObject(ctx, row.object);
    const writable = importFields(meta, ctx.actor).filter((f) => !f.readOnly);
    fields = writable.map((f) => ({
      name: f.name,
      type: f.type,
      label: f.label,
      required: f.required,
      ...(f.options ? { options: f.options } : {}),
    }));
    // Listed as fields so the wizard offers "Social profiles — LinkedIn" with no code of its own.
    for (const s of socialTargets(writable))
      fields.push({ name: s.target, type: 'socialProfile', label: s.label, required: false });
    match ??= defaultMatch(meta);
  } catch {
    // A custom object removed since the import: the import is still shown.
  }
  const total = row.total_rows;
  return {
    id: row.id,
    object: row.object,
    status: row.status,
    dryRun: row.dry_run,
    fileName: row.file_name,
    fileSize: Number(row.file_size),
    format: row.format === 'delimited' ? (row.delimiter === '\t' ? 'tsv' : 'csv') : row.format,
    encoding: row.encoding,
    delimiter: row.delimiter,
    columns: mapping.map((m) => ({ index: m.index, column: m.column, field: m.field })),
    mapping: Object.fromEntries(mapping.map((m) => [m.column, m.field])),
    match,
    onMatch: options.onMatch ?? 'update',
    options,
    counts: {
      created: row.created_count,
      updated: row.updated_count,
      skipped: row.skipped_count,
      failed: row.failed_count,
    },
    relatedCreated: Object.fromEntries(related.rows.map((r) => [r.object, r.n])),
    progress: {
      processedRows: row.processed_rows,
      totalRows: total,
      percent: total
        ? Math.min(100, Math.floor((row.processed_rows / total) * 100))
        : row.status === 'completed'
          ? 100
          : null,
    },
    errors: errors.data,
    errorCount: errorCount.rows[0]?.n ?? 0,
    preview: row.preview,
    error: row.error,
    undo: row.undo_summary,
    canRun: row.dry_run && row.status === 'completed' && row.file_path !== null,
    canUndo: !row.dry_run && (row.status === 'completed' || row.status === 'failed'),
    fields,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    undoneAt: iso(row.undone_at),
  };
}
