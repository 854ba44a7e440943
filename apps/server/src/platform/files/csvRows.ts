// Delimited text (CSV, TSV, semicolon or pipe separated) read as a stream of rows with csv-parse.
// A structural error (an unclosed quote, a record longer than the limit) stops the read with the row
// where it happened: such a file is refused before anything is written, never half-imported.
import type { Readable } from 'node:stream';
import { type Info, parse } from 'csv-parse';
import type { Delimiter } from './delimiter';
import { FileFormatError, type TableRow } from './tableRows';

export interface CsvOptions {
  delimiter: Delimiter;
  /** Records before the header (Excel's "sep=;" line). */
  skipLines?: number;
  /** Characters one record may hold; a longer one means the file is not what it seems. */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_RECORD_CHARS = 1024 * 1024;

function describe(err: { code?: string; lines?: number; message: string }, row: number): string {
  switch (err.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return `Row ${row} is longer than the limit of one row; the file is not a table or a quote is never closed`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `Row ${row}: a quoted value is never closed`;
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `Row ${row}: a closing quote is followed by other characters`;
    default:
      return `Row ${row}: the file cannot be read as delimited text (${err.message})`;
  }
}

/** Rows of a decoded text stream (strings in). Empty lines are yielded too, so numbers match Excel. */
export async function* csvRows(text: Readable, opts: CsvOptions): AsyncGenerator<TableRow> {
  const skip = opts.skipLines ?? 0;
  const parser = parse({
    delimiter: opts.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
    info: true,
  });
  text.on('error', (e) => parser.destroy(e));
  text.pipe(parser);
  let records = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      records = item.info.records;
      if (records <= skip) continue;
      yield { row: records - skip, cells: item.record };
    }
  } catch (e) {
    const err = e as { code?: string; message: string; records?: number };
    // The parser may fail before the rows before the bad one were handed out: use its own count.
    const before = typeof err.records === 'number' ? err.records : records;
    if (err.code?.startsWith('CSV_')) throw new FileFormatError(describe(err, before - skip + 1));
    throw e;
  } finally {
    text.unpipe(parser);
    parser.destroy();
    text.destroy();
  }
}
