// The backup file: gzip-compressed lines, the same for both stores, so a backup of the embedded store
// restores into PostgreSQL and back. Each line starts with its kind:
//   M {json}     metadata: header, table start/end, file start/end, end of backup
//   R {json}     one row of the current table, exactly as PostgreSQL's to_jsonb() printed it
//   F base64     a chunk of the current file
// Rows are never parsed in JavaScript on the way through, so NUMERIC, big integers and timestamps with
// microseconds come back bit for bit. The final `end` line tells a complete backup from a truncated one.
import { CliError } from '../../cli/cliError';

export const BACKUP_FORMAT = 'rapport-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  type: 'header';
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** The store the backup was made from: 'embedded' or 'postgres'. */
  source: string;
  /** Migrations applied to the source: a restore rebuilds exactly this schema before loading rows. */
  migrations: string[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

export type MetaLine =
  | BackupHeader
  | { type: 'table'; name: string; columns: string[] }
  | { type: 'tableEnd'; name: string; rows: number }
  | { type: 'file'; path: string; size: number }
  | { type: 'fileEnd'; path: string; sha256: string }
  | { type: 'end'; tables: number; rows: number; files: number };

export const metaLine = (m: MetaLine): string => `M ${JSON.stringify(m)}\n`;
export const rowLine = (json: string): string => `R ${json}\n`;
export const chunkLine = (b: Buffer): string => `F ${b.toString('base64')}\n`;

/** Raw bytes per `F` line: a multiple of 3, so base64 needs no padding mid-file. */
export const FILE_CHUNK_BYTES = 48 * 1024;

/** The file is not a Rapport backup, is damaged, or is from a newer version. */
export class BackupFormatError extends CliError {}
