// Runs an import from its stored file: counts the rows (which also proves the file readable to
// the end), then processes batches of BATCH_ROWS, each in its own transaction together with the
// import's progress. A run that stops half-way (a killed worker) resumes after the last committed
// row, and a second runner of the same import backs off instead of doing the work twice.
import type { FastifyBaseLogger } from 'fastify';
import { loadActor } from '../../platform/auth/loadActor';
import type { Ctx } from '../../platform/context';
import { inTx } from '../../platform/context';
import type { Store } from '../../platform/db/open';
import { removeStoredFile } from '../../platform/files/storage';
import { AppError } from '../../platform/errors';
import { type ImportOptions, importOptionsSchema } from './importOptions';
import {
  addProgress,
  type ImportRow,
  insertChanges,
  insertErrors,
  loadImport,
  setStatus,
} from './importRows';
import { prepareImport } from './prepareImport';
import { type BatchEnv, type BatchResult, DryRunMemory, processBatch } from './processBatch';
import { openTable, type TableLayout } from './readTable';
import { refResolver } from './resolveRefs';
import { type RowValues, rowValues } from './rowValues';

export const BATCH_ROWS = 2000;
export const PREVIEW_ROWS = 20;

class DryRunRollback extends Error {
  constructor(readonly result: BatchResult) {
    super('dry run: roll back');
  }
}

/** Counts the data rows; a structural problem anywhere in the file surfaces here, before any write. */
export async function countRows(file: string, layout: TableLayout): Promise<number> {
  const { rows } = await openTable(file, layout);
  let n = 0;
  for await (const _ of rows) n++;
  return n;
}

export function layoutOf(row: ImportRow): TableLayout {
  const opts = row.options as ImportOptions;
  return {
    format: row.format as TableLayout['format'],
    encoding: (row.encoding as TableLayout['encoding']) ?? null,
    delimiter: (row.delimiter as TableLayout['delimiter']) ?? null,
    skipLines: row.skip_lines,
    sheet: opts.sheet,
  };
}

export interface RunOutcome {
  status: ImportRow['status'];
}

/**
 * @param retriesLeft whether an unexpected failure should be left for the job queue to retry
 * (the import stays running and resumes) rather than marking the import failed.
 */
export async function runImport(
  store: Store,
  workspaceId: string,
  importId: string,
  opts: { log?: FastifyBaseLogger; retriesLeft?: boolean } = {},
): Promise<RunOutcome> {
  const row = await loadImport(store.db, workspaceId, importId);
  if (!row) return { status: 'failed' };
  if (row.status !== 'queued' && row.status !== 'running') return { status: row.status };
  try {
    await execute(store, row);
    const after = await loadImport(store.db, workspaceId, importId);
    return { status: after?.status ?? 'failed' };
  } catch (err) {
    if (!(err instanceof AppError) && opts.retriesLeft) throw err;
    const message =
      err instanceof AppError
        ? err.message
        : 'The import stopped because of an internal error; the rows before it are saved';
    if (!(err instanceof AppError)) opts.log?.error({ err, importId }, 'import failed');
    await setStatus(store.db, workspaceId, importId, 'failed', { error: message, finished: true });
    if (!row.dry_run && row.file_path) await removeStoredFile(row.file_path);
    return { status: 'failed' };
  }
}

async function execute(store: Store, row: ImportRow): Promise<void> {
  const ws = row.workspace_id;
  const loaded = await loadActor(store.db, ws, row.created_by, 'user');
  if (!loaded?.user.active)
    throw new AppError(422, 'Unprocessable Content', 'The user who started the import is no longer active');
  const base: Ctx = { db: store.db, actor: loaded.actor, workspaceId: ws };
  const options = importOptionsSchema.parse(row.options);
  if (!row.file_path)
    throw new AppError(422, 'Unprocessable Content', 'The uploaded file is no longer available');
  const layout = layoutOf(row);

  if (row.status === 'queued') await setStatus(store.db, ws, row.id, 'running', { started: true });
  let total = row.total_rows;
  if (total === null) {
    total = await countRows(row.file_path, layout);
    await setStatus(store.db, ws, row.id, 'running', { total_rows: total });
  }

  const table = await openTable(row.file_path, layout);
  const prepared = await prepareImport(base, row.object, table.headers, options);
  const env: BatchEnv = {
    meta: prepared.meta,
    fields: prepared.byName,
    mapping: row.mapping as never,
    coerce: prepared.coerce,
    plan: prepared.plan,
    onMatch: options.onMatch ?? 'update',
    clearEmpty: options.clearEmpty ?? false,
    resolver: refResolver(prepared.meta, { createMissing: options.createMissing ?? false }),
    dryRunCreated: row.dry_run ? new DryRunMemory() : undefined,
  };
  let lastRow = row.last_row;
  let previewLeft = row.last_row === 0 ? PREVIEW_ROWS : 0;
  const preview: unknown[] = [];

  const runBatch = async (batch: RowValues[]): Promise<boolean> => {
    const last = batch[batch.length - 1]!.row;
    if (row.dry_run) {
      let result: BatchResult;
      try {
        await store.db.transaction().execute(async (tx) => {
          throw new DryRunRollback(await processBatch(inTx(base, tx), env, batch, previewLeft));
        });
        throw new Error('unreachable');
      } catch (e) {
        if (!(e instanceof DryRunRollback)) throw e;
        result = e.result;
      }
      preview.push(...result.preview);
      previewLeft -= result.preview.length;
      await store.db.transaction().execute(async (tx) => {
        await insertErrors(tx, ws, row.id, result.errors);
        await addProgress(tx, ws, row.id, {
          counts: result.counts,
          rows: batch.length,
          lastRow: last,
          preview,
        });
      });
      lastRow = last;
      return true;
    }
    return store.db.transaction().execute(async (tx) => {
      // The import row is the lock: a second runner sees that the rows moved on and stops.
      const current = await loadImport(tx, ws, row.id, true);
      if (current?.status !== 'running' || current.last_row !== lastRow) return false;
      const result = await processBatch(inTx(base, tx), env, batch, previewLeft);
      preview.push(...result.preview);
      previewLeft -= result.preview.length;
      await insertErrors(tx, ws, row.id, result.errors);
      await insertChanges(tx, ws, row.id, result.changes);
      await addProgress(tx, ws, row.id, {
        counts: result.counts,
        rows: batch.length,
        lastRow: last,
        preview: result.preview.length ? preview : undefined,
      });
      lastRow = last;
      return true;
    });
  };

  // The next batch is read, parsed and coerced while the current one waits on the database: that
  // is JavaScript and the writes are the database's, and this machine has a core for each.
  const readBatch = async (): Promise<RowValues[]> => {
    const batch: RowValues[] = [];
    while (batch.length < BATCH_ROWS) {
      const r = await table.rows.next();
      if (r.done) break;
      // A row at or before lastRow was done by an earlier run of this import.
      if (r.value.row > lastRow) batch.push(rowValues(r.value, env.mapping, env.fields, env.coerce));
    }
    return batch;
  };
  let ahead: Promise<RowValues[]> | null = null;
  try {
    ahead = readBatch();
    for (;;) {
      const batch = await ahead;
      ahead = null;
      if (!batch.length) break;
      ahead = readBatch();
      // A read that fails while this batch runs is reported by the await above, in its turn.
      ahead.catch(() => {});
      if (!(await runBatch(batch))) return;
    }
  } finally {
    // Let a read in flight settle before the file is closed under it.
    await ahead?.catch(() => {});
    await table.rows.return(undefined);
  }
  await setStatus(store.db, ws, row.id, 'completed', {
    finished: true,
    ...(row.dry_run ? {} : { file_path: null }),
  });
  if (!row.dry_run) await removeStoredFile(row.file_path);
}
