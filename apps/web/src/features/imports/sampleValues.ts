// Sample values per column for the mapping step. The server answers with the file's layout
// (format, encoding, delimiter) but not its cells, so the first rows of a CSV/TSV file are read
// here, decoded as the server decoded them. XLSX and vCard files get no samples from the file;
// the mapping step then shows the dry run's values instead.
import type { ImportView } from './importApi';

const HEAD_BYTES = 64 * 1024;
const SAMPLE_ROWS = 3;

async function bytesOf(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error);
    r.readAsArrayBuffer(blob);
  });
}

/** Splits delimited text into rows of cells (RFC 4180 quoting); the last row may be cut off. */
export function parseDelimited(text: string, delimiter: string, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if ((cell !== '' || row.length) && rows.length < maxRows) rows.push([...row, cell]);
  return rows;
}

/** The server's names for a header row: blank headers numbered, repeats told apart. */
function columnNames(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Up to three values of each column (by column index), or null when the file is not delimited text. */
export async function sampleValues(file: File, imp: ImportView): Promise<string[][] | null> {
  if ((imp.format !== 'csv' && imp.format !== 'tsv') || !imp.delimiter) return null;
  let text: string;
  try {
    text = new TextDecoder(imp.encoding ?? 'utf-8').decode(await bytesOf(file.slice(0, HEAD_BYTES)));
  } catch {
    return null; // an encoding this browser cannot decode: no samples rather than garbage
  }
  const rows = parseDelimited(text.replace(/^\uFEFF/, ''), imp.delimiter, 60);
  const wanted = imp.columns.map((c) => c.column).join('\u0000');
  // Lines before the header (a report title) are skipped by the server: find the header row.
  const at = rows.findIndex((r) => columnNames(r).join('\u0000') === wanted);
  if (at < 0) return null;
  const data = rows.slice(at + 1).filter((r) => r.some((c) => c.trim() !== ''));
  return imp.columns.map((c) =>
    data
      .map((r) => (r[c.index] ?? '').trim())
      .filter(Boolean)
      .slice(0, SAMPLE_ROWS),
  );
}
