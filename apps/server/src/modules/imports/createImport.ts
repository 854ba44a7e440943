// A new import from an uploaded file: the file is on disk already (streamed by the route); here
// everything that can be refused is checked before the import exists — the object, the options,
// the file's format and header, the mapping, and (for files up to PREPASS_MAX_BYTES) every row's
// structure — so a bad request is a 4xx with nothing left behind.
import { authorize, requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { AppError, NotFound, ValidationError } from '../../platform/errors';
import { removeStoredFile, type StoredFile } from '../../platform/files/storage';
import { FileFormatError } from '../../platform/files/tableRows';
import { zodIssuesToFieldErrors } from '../../platform/http/validation';
import { type ImportOptions, importOptionsSchema } from './importOptions';
import { prepareImport } from './prepareImport';
import { detectLayout, openTable, type TableLayout } from './readTable';
import { countRows } from './runImport';
import './tables';

export const PREPASS_MAX_BYTES = 32 * 1024 * 1024;
export const MAX_COLUMNS = 1000;

export function parseOptions(raw: string | undefined): ImportOptions {
  if (raw === undefined || raw.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new ValidationError([{ field: 'options', message: `Not valid JSON: ${(e as Error).message}` }]);
  }
  const parsed = importOptionsSchema.safeParse(json);
  if (!parsed.success) {
    const errors = zodIssuesToFieldErrors(parsed.error.issues as never).map((e) => ({
      ...e,
      field: e.field === '(body)' ? 'options' : `options.${e.field}`,
    }));
    throw new ValidationError(errors, 'The import options are invalid');
  }
  return parsed.data;
}

export interface Inspected {
  layout: TableLayout;
  headers: string[];
  totalRows: number | null;
}

/** Format, header and (for files of a reasonable size) the row count, refusing broken files. */
export async function inspectFile(
  ctx: Ctx,
  object: string,
  file: StoredFile,
  options: ImportOptions,
): Promise<Inspected & { mapping: Awaited<ReturnType<typeof prepareImport>>['mapping'] }> {
  const layout = await detectLayout(file.path, options);
  const table = await openTable(file.path, layout);
  await table.rows.return(undefined);
  const headers = table.headers;
  if (headers.length > MAX_COLUMNS)
    throw new FileFormatError(
      `The file has ${headers.length} columns; at most ${MAX_COLUMNS} can be imported`,
    );
  if (headers.every((h) => h === '')) throw new FileFormatError('The header row is empty');
  const prepared = await prepareImport(ctx, object, headers, options);
  const totalRows = file.size <= PREPASS_MAX_BYTES ? await countRows(file.path, layout) : null;
  return { layout, headers, totalRows, mapping: prepared.mapping };
}

export interface NewImport {
  id: string;
  object: string | undefined;
  optionsJson: string | undefined;
  file: StoredFile | null;
  fileName: string;
}

export async function createImport(
  ctx: Ctx,
  input: NewImport,
): Promise<{ id: string; totalRows: number | null; background: boolean }> {
  const file = input.file;
  try {
    requireCapability(ctx.actor, 'importData');
    if (!file)
      throw new ValidationError([{ field: 'file', message: 'Attach the file to import as the part "file"' }]);
    if (!input.object || !/^[a-z][a-zA-Z0-9]{0,62}$/.test(input.object))
      throw new ValidationError([
        { field: 'object', message: 'Name the object to import into, such as contacts' },
      ]);
    const options = parseOptions(input.optionsJson);
    let inspected: Awaited<ReturnType<typeof inspectFile>>;
    try {
      authorize(ctx.actor, input.object, 'create');
      inspected = await inspectFile(ctx, input.object, file, options);
    } catch (e) {
      if (e instanceof NotFound) throw new ValidationError([{ field: 'object', message: e.message }]);
      throw e;
    }
    const { layout, headers, totalRows, mapping } = inspected;
    await ctx.db
      .insertInto('imports')
      .values({
        workspace_id: ctx.workspaceId,
        id: input.id,
        object: input.object,
        status: 'queued',
        dry_run: options.dryRun ?? false,
        file_name: input.fileName.slice(0, 500) || 'upload',
        file_path: file.path,
        file_size: file.size,
        file_sha256: file.sha256,
        format: layout.format,
        encoding: layout.encoding,
        delimiter: layout.delimiter,
        skip_lines: layout.skipLines,
        options: JSON.stringify(options),
        headers: JSON.stringify(headers),
        mapping: JSON.stringify(mapping),
        total_rows: totalRows,
        created_by: ctx.actor.userId!,
        created_at: clock.now(),
      })
      .execute();
    return { id: input.id, totalRows, background: options.background ?? false };
  } catch (e) {
    if (file) await removeStoredFile(file.path);
    throw e;
  }
}

export function assertUser(ctx: Ctx): void {
  if (!ctx.actor.userId) throw new AppError(403, 'Forbidden', 'Imports are made by a user');
}
