// Kysely types of the exports table (migration 0081).
import type { ColumnType } from 'kysely';

export interface ExportsTable {
  workspace_id: string;
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  file_path: string | null;
  file_size: number | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  error: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date, Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

declare module '../../platform/db/schema' {
  interface Database {
    exports: ExportsTable;
  }
}
