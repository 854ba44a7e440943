// XLSX out with exceljs's streaming writer: each row is committed (written to the zip) as soon as
// it is added, so a long export never builds the workbook in memory.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './formulaGuard';
import type { OutCell } from './csvWriter';

export interface XlsxSheetSpec {
  name: string;
  header: string[];
  rows: AsyncIterable<readonly OutCell[]>;
}

// Excel refuses sheet names longer than 31 characters or containing : \ / ? * [ ].
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

const cellValue = (c: OutCell) => (typeof c === 'string' ? neutraliseFormula(c) : (c ?? null));

/** Streams a workbook with one sheet; errors from the row source end the stream with that error. */
export function xlsxStream(spec: XlsxSheetSpec): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName(spec.name));
  (async () => {
    ws.addRow(spec.header.map(cellValue)).commit();
    for await (const row of spec.rows) ws.addRow(row.map(cellValue)).commit();
    ws.commit();
    await wb.commit();
  })().catch((err: Error) => out.destroy(err));
  return out;
}
