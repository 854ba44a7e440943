// Text encodings of uploaded files. Spreadsheets saved by Chinese Excel are GB18030/GBK, by
// Windows Notepad UTF-16 with a BOM, by everything else UTF-8 (with or without a BOM). We decide
// once from the first bytes, then decode the whole file as a stream.
import { Transform } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type TextEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'gb18030'
  | 'big5'
  | 'shift_jis'
  | 'windows-1252';

export const supportedEncodings: readonly TextEncoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'gb18030',
  'big5',
  'shift_jis',
  'windows-1252',
];

export interface DetectedEncoding {
  encoding: TextEncoding;
  bom: boolean;
}

/** How many bytes of the file are enough to decide. */
export const SAMPLE_BYTES = 64 * 1024;

/** A name a user may pass (GBK, gb2312, UTF8, latin1…) → the encoding we decode with, or null. */
export function normaliseEncodingName(name: string): TextEncoding | null {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const table: Record<string, TextEncoding> = {
    utf8: 'utf-8',
    utf16le: 'utf-16le',
    utf16: 'utf-16le',
    ucs2: 'utf-16le',
    utf16be: 'utf-16be',
    gb18030: 'gb18030',
    gbk: 'gb18030', // GB18030 is a superset of GBK and GB2312: one decoder reads all three
    gb2312: 'gb18030',
    cp936: 'gb18030',
    big5: 'big5',
    shiftjis: 'shift_jis',
    sjis: 'shift_jis',
    windows1252: 'windows-1252',
    cp1252: 'windows-1252',
    latin1: 'windows-1252',
    iso88591: 'windows-1252',
  };
  return table[n] ?? null;
}

function bomOf(b: Uint8Array): TextEncoding | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a BOM still shows itself: ASCII text has a NUL in every other byte. */
function utf16WithoutBom(b: Uint8Array): TextEncoding | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Whether the bytes are valid UTF-8, forgiving a multi-byte sequence cut off by the end of the
 * sample (the sample is a prefix of the file, so its last character may be incomplete).
 */
function isUtf8(b: Uint8Array, truncated: boolean): boolean {
  let end = b.length;
  if (truncated) {
    // Back up over at most 3 continuation bytes to the start of the last sequence.
    let i = end - 1;
    let back = 0;
    while (i >= 0 && back < 3 && ((b[i] ?? 0) & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && (b[i] ?? 0) >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Share of the non-ASCII characters of a decoding that are Chinese text or CJK punctuation. */
function cjkShare(text: string): { share: number; replacements: number } {
  let nonAscii = 0;
  let cjk = 0;
  let replacements = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) replacements++;
    else if (
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
      (c >= 0x3400 && c <= 0x4dbf) || // extension A
      (c >= 0x3000 && c <= 0x303f) || // CJK punctuation
      (c >= 0xff00 && c <= 0xffef) || // full-width forms
      c === 0x2014 ||
      c === 0x2026 ||
      c === 0x201c ||
      c === 0x201d ||
      c === 0x2018 ||
      c === 0x2019 ||
      c === 0x00b7
    )
      cjk++;
  }
  return { share: nonAscii ? cjk / nonAscii : 0, replacements };
}

/**
 * Decides the encoding of a file from its first bytes. `truncated` says the sample is a prefix of a
 * longer file. Order: a BOM wins; then BOM-less UTF-16; then valid UTF-8 (pure ASCII included);
 * then GB18030 when the text decodes cleanly to Chinese; then chardet's best legacy guess.
 */
export function detectEncoding(sample: Uint8Array, truncated = false): DetectedEncoding {
  const bom = bomOf(sample);
  if (bom) return { encoding: bom, bom: true };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bom: false };
  if (isUtf8(sample, truncated)) return { encoding: 'utf-8', bom: false };

  const gb = cjkShare(iconv.decode(Buffer.from(sample), 'gb18030'));
  // A multi-byte character cut at the end of the sample may leave one replacement character.
  if (gb.share >= 0.9 && gb.replacements <= (truncated ? 1 : 0)) return { encoding: 'gb18030', bom: false };

  const guesses = chardet.analyse(sample);
  for (const g of guesses) {
    const name = g.name.toLowerCase();
    if (name === 'gb18030') return { encoding: 'gb18030', bom: false };
    if (name === 'big5') return { encoding: 'big5', bom: false };
    if (name === 'shift_jis') return { encoding: 'shift_jis', bom: false };
    if (name.startsWith('iso-8859') || name.startsWith('windows-125')) break;
  }
  // Western legacy text (Excel on Windows in Europe/America): windows-1252 decodes every byte.
  return { encoding: 'windows-1252', bom: false };
}

// iconv-lite's own spellings of our encodings.
const iconvName = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  gb18030: 'gb18030',
  big5: 'big5',
  shift_jis: 'shiftjis',
  'windows-1252': 'windows1252',
} as const satisfies Record<TextEncoding, string>;

/** A stream transform from bytes in `encoding` to JavaScript strings, without the BOM. */
export function decodingStream(encoding: TextEncoding): Transform {
  const decoder = iconv.getDecoder(iconvName[encoding], { stripBOM: true });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      const s = decoder.write(chunk);
      if (s) this.push(s);
      done();
    },
    flush(done) {
      const s = decoder.end();
      if (s) this.push(s);
      done();
    },
  });
}

/** Decodes a whole (small) buffer: vCards and samples. */
export function decodeBuffer(buf: Uint8Array, encoding: TextEncoding): string {
  return iconv.decode(Buffer.from(buf), iconvName[encoding], { stripBOM: true });
}
