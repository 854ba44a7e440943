// A delimited text file on disk as rows: the encoding and the delimiter are detected from the first
// bytes unless given, then the file is decoded and parsed as one stream.
import fs from 'node:fs';
import { csvRows } from './csvRows';
import { type Delimiter, detectDelimiter } from './delimiter';
import { decodingStream, type DetectedEncoding } from './encoding';
import type { TableRow } from './tableRows';

export interface DelimitedLayout {
  encoding: DetectedEncoding;
  delimiter: Delimiter;
  skipLines: number;
}

/** Decides the delimiter from a decoded sample (see sniffFile for the encoding). */
export function delimitedLayout(
  text: string,
  truncated: boolean,
  encoding: DetectedEncoding,
  delimiter?: Delimiter,
): DelimitedLayout {
  const guess = detectDelimiter(text, truncated);
  return {
    encoding,
    delimiter: delimiter ?? guess.delimiter,
    skipLines: guess.skipLines,
  };
}

export function delimitedRows(file: string, layout: DelimitedLayout): AsyncGenerator<TableRow> {
  const source = fs.createReadStream(file);
  const text = decodingStream(layout.encoding.encoding);
  source.on('error', (e) => text.destroy(e));
  source.pipe(text);
  return csvRows(text, { delimiter: layout.delimiter, skipLines: layout.skipLines });
}
