// What every tabular reader yields: one spreadsheet row at a time, with the row number a user sees
// in Excel (the header is row 1), so an error message points at the right line.
import { ValidationError } from '../errors';

export interface TableRow {
  row: number;
  cells: string[];
}

/** The file cannot be read as the format it claims: a 400 on the upload's `file` field. */
export class FileFormatError extends ValidationError {
  constructor(message: string) {
    super([{ field: 'file', message }], message);
  }
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
