// Kysely types of the merge tables (migration 0082).
import type { ColumnType } from 'kysely';

type JsonIn<T> = ColumnType<T, string, string>;

export interface RecordMergesTable {
  workspace_id: string;
  id: string;
  object: string;
  winner_id: string;
  loser_ids: string[];
  winner_before: JsonIn<Record<string, unknown>>;
  winner_after: JsonIn<Record<string, unknown>>;
  moved: JsonIn<MovedRows[]>;
  created_by: string | null;
  created_at: Date;
  undone_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  undone_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MergedRecordsTable {
  workspace_id: string;
  object: string;
  loser_id: string;
  winner_id: string;
  merge_id: string;
}

/** What one reference moved: column references by row id, link rows by their full row. */
export type MovedRows =
  | { kind: 'column'; table: string; column: string; from: string; ids: string[] }
  | {
      kind: 'link';
      table: string;
      column: string;
      from: string;
      rows: Record<string, unknown>[];
      inserted: Record<string, unknown>[];
    }
  /** A custom relation field (JSONB) of `object` that pointed at the loser, by record id. */
  | { kind: 'custom'; object: string; field: string; from: string; ids: string[] };

declare module '../../platform/db/schema' {
  interface Database {
    record_merges: RecordMergesTable;
    merged_records: MergedRecordsTable;
  }
}
