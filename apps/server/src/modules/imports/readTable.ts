// Any supported upload as a header plus a stream of data rows: delimited text (CSV, TSV, ;, |),
// XLSX, or vCard (one row per card). Detection runs on the first bytes only.
import fs from 'node:fs';
import readline from 'node:readline';
import { type DelimitedLayout, delimitedLayout, delimitedRows } from '../../platform/files/delimitedFile';
import type { Delimiter } from '../../platform/files/delimiter';
import {
  decodingStream,
  normaliseEncodingName,
  SAMPLE_BYTES,
  type TextEncoding,
} from '../../platform/files/encoding';
import { sniffFile, type FileFormat } from '../../platform/files/sniff';
import { readSample } from '../../platform/files/storage';
import { FileFormatError, isBlankRow, type TableRow } from '../../platform/files/tableRows';
import { xlsxRows } from '../../platform/files/xlsxRows';
import { VcardLineParser } from '../vcard/parseVcard';
import { vcardColumns, vcardToColumns } from '../vcard/vcardColumns';

export interface TableLayout {
  format: FileFormat;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  skipLines: number;
  sheet?: string | number;
}

export interface ReadOptions {
  encoding?: string;
  delimiter?: Delimiter;
  sheet?: string | number;
}

/** Decides format, encoding and delimiter from the first bytes of the stored file. */
export async function detectLayout(file: string, opts: ReadOptions = {}): Promise<TableLayout> {
  let forced: TextEncoding | undefined;
  if (opts.encoding) {
    const e = normaliseEncodingName(opts.encoding);
    if (!e) throw new FileFormatError(`Unknown text encoding "${opts.encoding}"`);
    forced = e;
  }
  const { sample, truncated } = await readSample(file, SAMPLE_BYTES);
  const s = sniffFile(sample, truncated, forced);
  if (s.format === 'xlsx')
    return { format: 'xlsx', encoding: null, delimiter: null, skipLines: 0, sheet: opts.sheet };
  if (s.format === 'vcard')
    return { format: 'vcard', encoding: s.encoding!.encoding, delimiter: null, skipLines: 0 };
  const layout: DelimitedLayout = delimitedLayout(s.text!, truncated, s.encoding!, opts.delimiter);
  return {
    format: 'delimited',
    encoding: layout.encoding.encoding,
    delimiter: layout.delimiter,
    skipLines: layout.skipLines,
  };
}

async function* vcardRows(file: string, encoding: TextEncoding): AsyncGenerator<TableRow> {
  const source = fs.createReadStream(file);
  const text = decodingStream(encoding);
  source.on('error', (e) => text.destroy(e));
  source.pipe(text);
  const lines = readline.createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY });
  const parser = new VcardLineParser();
  // Row 1 is the synthetic header, so card n is row n + 1, like a spreadsheet of the same cards.
  let n = 0;
  const toRow = (card: Parameters<typeof vcardToColumns>[0]) => {
    const cols = vcardToColumns(card);
    n++;
    return { row: n + 1, cells: vcardColumns.map((c) => cols[c]) };
  };
  try {
    for await (const line of lines) {
      if (line.length > 1024 * 1024) throw new FileFormatError(`Card ${n + 1} has a line longer than 1 MB`);
      for (const card of parser.push(line)) yield toRow(card);
    }
    for (const card of parser.end()) yield toRow(card);
  } finally {
    lines.close();
    source.destroy();
  }
}

function rawRows(file: string, layout: TableLayout): AsyncGenerator<TableRow> {
  if (layout.format === 'xlsx') return xlsxRows(file, { sheet: layout.sheet });
  if (layout.format === 'vcard') return vcardRows(file, layout.encoding!);
  return delimitedRows(file, {
    encoding: { encoding: layout.encoding!, bom: false },
    delimiter: layout.delimiter!,
    skipLines: layout.skipLines,
  });
}

export interface OpenedTable {
  headers: string[];
  /** Data rows after the header, blank rows left out (their numbers are skipped, not reused). */
  rows: AsyncGenerator<TableRow>;
}

/** Opens the table: the first non-blank row is the header (vCards have a fixed one). */
export async function openTable(file: string, layout: TableLayout): Promise<OpenedTable> {
  const source = rawRows(file, layout);
  if (layout.format === 'vcard') {
    return { headers: [...vcardColumns], rows: source };
  }
  let headers: string[] | null = null;
  while (!headers) {
    const next = await source.next();
    if (next.done) throw new FileFormatError('The file has no header row');
    if (!isBlankRow(next.value.cells)) headers = next.value.cells.map((h) => h.replace(/^\uFEFF/, '').trim());
  }
  async function* data(): AsyncGenerator<TableRow> {
    try {
      for (;;) {
        const next = await source.next();
        if (next.done) return;
        if (!isBlankRow(next.value.cells)) yield next.value;
      }
    } finally {
      await source.return(undefined);
    }
  }
  return { headers, rows: data() };
}
