// The import endpoints as the wizard uses them. The upload is multipart, which the shared JSON
// client does not send, so it is posted here with the session's CSRF token and its failures turned
// into the same ApiError the rest of the app shows.
import type { LocalizedText, Problem } from '@rapport/contracts/apiTypes';
import { ApiError, api } from '../../api/client';

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'undoing' | 'undone';
export type OnMatch = 'update' | 'skip' | 'create';

export interface ImportField {
  name: string;
  type: string;
  label: string | LocalizedText;
  required: boolean;
}

export interface RowError {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}

export interface PreviewRow {
  row: number;
  action: 'create' | 'update' | 'skip' | 'fail';
  recordId: string | null;
  values: Record<string, unknown>;
}

export interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface ImportView {
  id: string;
  object: string;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  columns: { index: number; column: string; field: string | null }[];
  mapping: Record<string, string | null>;
  match: string[] | undefined;
  onMatch: OnMatch;
  options: ImportOptions;
  counts: Counts;
  relatedCreated: Record<string, number>;
  progress: { processedRows: number; totalRows: number | null; percent: number | null };
  errors: RowError[];
  errorCount: number;
  preview: PreviewRow[] | null;
  error: string | null;
  undo: { deleted?: number; restored?: number; keptLaterEdits?: number; skipped?: number } | null;
  canRun: boolean;
  canUndo: boolean;
  fields: ImportField[];
  undoneAt: string | null;
}

/** The options the wizard sets; a re-run replaces all of them, so each call sends the whole set. */
export interface ImportOptions {
  mapping?: Record<string, string | null>;
  match?: string[];
  onMatch?: OnMatch;
  createMissing?: boolean;
  /** Region of phone numbers without a country code; absent: the workspace's. */
  defaultRegion?: string;
  dryRun?: boolean;
}

/** Still working: the answer came back before the run (or the undo) finished. */
export const isBusy = (imp: ImportView) =>
  imp.status === 'queued' || imp.status === 'running' || imp.status === 'undoing';

async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Partial<Problem>;
    return { type: 'about:blank', title: res.statusText || 'Error', ...body, status: res.status };
  } catch {
    return { type: 'about:blank', title: res.statusText || 'Error', status: res.status };
  }
}

export async function uploadImport(input: {
  file: File;
  object: string;
  options: ImportOptions;
  csrfToken: string | null | undefined;
}): Promise<ImportView> {
  const form = new FormData();
  // The server reads the parts in order: object and options before the (possibly large) file.
  form.append('object', input.object);
  form.append('options', JSON.stringify(input.options));
  form.append('file', input.file, input.file.name);
  let res: Response;
  try {
    res = await fetch('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: {
        accept: 'application/json',
        ...(input.csrfToken ? { 'x-csrf-token': input.csrfToken } : {}),
      },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, detail: 'network' });
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  return (await res.json()) as ImportView;
}

export const importsApi = {
  get: (id: string) => api.get<ImportView>(`/api/v1/imports/${encodeURIComponent(id)}`),
  run: (id: string, options: ImportOptions) =>
    api.post<ImportView>(`/api/v1/imports/${encodeURIComponent(id)}/run`, { options }),
  undo: (id: string) => api.post<ImportView>(`/api/v1/imports/${encodeURIComponent(id)}/undo`),
  errors: (id: string, after?: string | null) =>
    api.get<{ data: RowError[]; nextCursor: string | null }>(
      `/api/v1/imports/${encodeURIComponent(id)}/errors?limit=200${after ? `&after=${encodeURIComponent(after)}` : ''}`,
    ),
};

/** Polls until the import is no longer busy, reporting each answer. */
export async function settle(
  imp: ImportView,
  onUpdate: (imp: ImportView) => void,
  signal?: AbortSignal,
  everyMs = 1000,
): Promise<ImportView> {
  let cur = imp;
  while (isBusy(cur)) {
    await new Promise((r) => setTimeout(r, everyMs));
    if (signal?.aborted) return cur;
    cur = await importsApi.get(cur.id);
    onUpdate(cur);
  }
  return cur;
}
