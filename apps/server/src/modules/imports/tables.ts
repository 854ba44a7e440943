// Kysely types of the import tables (migration 0080).
import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/schema';
import type { ColumnMapping } from './autoMap';

/** A nullable timestamp the insert may leave out. */
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** JSON with a database default: optional on insert, written as a string. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'undoing' | 'undone';

export interface ImportsTable {
  workspace_id: string;
  id: string;
  object: string;
  status: ImportStatus;
  dry_run: boolean;
  file_name: string;
  file_path: string | null;
  file_size: number;
  file_sha256: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  skip_lines: number;
  options: Json<Record<string, unknown>>;
  headers: Json<string[]>;
  mapping: Json<ColumnMapping[]>;
  total_rows: number | null;
  processed_rows: Generated<number>;
  last_row: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  failed_count: Generated<number>;
  error: Generated<string | null>;
  preview: JsonWithDefault<Record<string, unknown>[]>;
  created_by: string;
  created_at: Timestamp;
  started_at: OptionalTimestamp;
  finished_at: OptionalTimestamp;
  undone_at: OptionalTimestamp;
  undone_by: Generated<string | null>;
  undo_summary: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface ImportErrorsTable {
  workspace_id: string;
  import_id: string;
  row: number;
  seq: number;
  column_name: string | null;
  field: string | null;
  message: string;
}

export interface ImportChangesTable {
  workspace_id: string;
  import_id: string;
  object: string;
  record_id: string;
  action: 'created' | 'updated';
  row: number;
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>>;
  seq: Generated<string>;
  undone_at: OptionalTimestamp;
}

declare module '../../platform/db/schema' {
  interface Database {
    imports: ImportsTable;
    import_errors: ImportErrorsTable;
    import_changes: ImportChangesTable;
  }
}
