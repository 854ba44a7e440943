// Running a dry run's stored file again: the wizard uploads once, shows the dry run, lets the user
// adjust the mapping, then runs it for real without a second upload. The import keeps its id; its
// counts, errors and preview start over.
import { requireCapability } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { Conflict, NotFound } from '../../platform/errors';
import { inspectFile, parseOptions } from './createImport';
import { loadImport } from './importRows';
import { DRY_RUN_KEPT_HOURS } from './purgeDryRuns';

export async function rerunImport(ctx: Ctx, id: string, rawOptions: Record<string, unknown>) {
  requireCapability(ctx.actor, 'importData');
  const options = parseOptions(JSON.stringify(rawOptions));
  return ctx.db.transaction().execute(async (tx) => {
    const row = await loadImport(tx, ctx.workspaceId, id, true);
    if (!row) throw new NotFound('No such import');
    if (row.dry_run && row.status === 'completed' && !row.file_path)
      throw new Conflict(
        `A dry run's file is kept for ${DRY_RUN_KEPT_HOURS} hours and this one has been removed; upload the file again`,
      );
    if (!row.dry_run || row.status !== 'completed' || !row.file_path)
      throw new Conflict('Only a finished dry run can be run again; upload the file for a new import');
    const inspected = await inspectFile(
      { ...ctx, db: tx },
      row.object,
      {
        path: row.file_path,
        size: Number(row.file_size),
        sha256: row.file_sha256,
      },
      options,
    );
    await tx
      .deleteFrom('import_errors')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('import_id', '=', id)
      .execute();
    await tx
      .updateTable('imports')
      .set({
        status: 'queued',
        dry_run: options.dryRun ?? false,
        options: JSON.stringify(options),
        encoding: inspected.layout.encoding,
        delimiter: inspected.layout.delimiter,
        skip_lines: inspected.layout.skipLines,
        format: inspected.layout.format,
        headers: JSON.stringify(inspected.headers),
        mapping: JSON.stringify(inspected.mapping),
        total_rows: inspected.totalRows,
        processed_rows: 0,
        last_row: 0,
        created_count: 0,
        updated_count: 0,
        skipped_count: 0,
        failed_count: 0,
        error: null,
        preview: '[]',
        started_at: null,
        finished_at: null,
        created_by: ctx.actor.userId!,
      })
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .execute();
    return { totalRows: inspected.totalRows, background: options.background ?? false };
  });
}
