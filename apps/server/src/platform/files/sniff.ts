// What an uploaded file really is, decided from its bytes rather than its name: a CSV renamed
// .xlsx or a photo renamed .csv must get a clear 400, not a parser crash.
import { type DetectedEncoding, decodeBuffer, detectEncoding, type TextEncoding } from './encoding';
import { FileFormatError } from './tableRows';

export type FileFormat = 'delimited' | 'xlsx' | 'vcard';

export interface Sniffed {
  format: FileFormat;
  /** For text formats: the encoding used to read it. */
  encoding?: DetectedEncoding;
  /** For text formats: the decoded sample (the first bytes of the file). */
  text?: string;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Control characters other than tab, CR, LF and form feed: plain text has none. */
function controlShare(text: string): number {
  let ctl = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) ctl++;
  }
  return total ? ctl / total : 0;
}

/**
 * @param sample the first bytes of the file (see SAMPLE_BYTES)
 * @param truncated whether the file is longer than the sample
 * @param encoding an encoding the user chose, which skips detection
 */
export function sniffFile(sample: Uint8Array, truncated: boolean, encoding?: TextEncoding): Sniffed {
  if (sample.length === 0) throw new FileFormatError('The file is empty');
  if (startsWith(sample, [0x50, 0x4b, 0x03, 0x04])) return { format: 'xlsx' };
  if (startsWith(sample, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FileFormatError(
      'Excel 97–2003 workbooks (.xls) cannot be read; save the sheet as .xlsx or CSV and upload it again',
    );
  }
  if (startsWith(sample, [0x25, 0x50, 0x44, 0x46])) throw new FileFormatError('A PDF cannot be imported');
  const detected = encoding ? { encoding, bom: false } : detectEncoding(sample, truncated);
  const text = decodeBuffer(sample, detected.encoding);
  if (text.includes('\u0000') || controlShare(text) > 0.01) {
    throw new FileFormatError('The file is not text, CSV, TSV, XLSX or vCard');
  }
  if (text.trim() === '') throw new FileFormatError('The file is empty');
  if (/^BEGIN:VCARD[ \t]*\r?\n/i.test(text.trimStart())) {
    return { format: 'vcard', encoding: detected, text };
  }
  return { format: 'delimited', encoding: detected, text };
}
