// XLSX read with exceljs's streaming reader: rows arrive one by one, so a sheet of a million rows
// never sits in memory (only the shared-strings table does, which the format requires).
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { FileFormatError, type TableRow } from './tableRows';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Excel stores wall-clock times without a zone; exceljs hands them over as Dates in UTC. A date
 * without a time is an all-day date; otherwise a local date-time the importer reads in the
 * workspace's time zone.
 */
function dateCell(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** One cell as the text a user sees; formulas give their cached result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return dateCell(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return '';
  }
  return String(v);
}

export interface XlsxOptions {
  /** Sheet name or 1-based position; the first sheet by default. */
  sheet?: string | number;
}

/** Rows of one worksheet. The row number is Excel's own. */
export async function* xlsxRows(file: string, opts: XlsxOptions = {}): AsyncGenerator<TableRow> {
  const stream = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date from a number
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let position = 0;
  let found = false;
  try {
    for await (const sheet of reader) {
      position++;
      const name = (sheet as unknown as { name?: string }).name;
      const wanted =
        opts.sheet === undefined
          ? position === 1
          : typeof opts.sheet === 'number'
            ? position === opts.sheet
            : name === opts.sheet;
      if (!wanted) continue;
      found = true;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        // exceljs rows are 1-based: values[0] is always empty.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (e) {
    if (e instanceof FileFormatError) throw e;
    throw new FileFormatError(`The file is not a readable XLSX workbook (${(e as Error).message})`);
  } finally {
    stream.destroy();
  }
  if (!found) {
    throw new FileFormatError(
      opts.sheet === undefined ? 'The workbook has no worksheet' : `The workbook has no sheet ${opts.sheet}`,
    );
  }
}
