// Encodings, delimiters and the streaming readers and writers, on fixture files written by the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows } from './csvRows';
import { csvLine, csvStream } from './csvWriter';
import { delimitedLayout, delimitedRows } from './delimitedFile';
import { detectDelimiter } from './delimiter';
import { decodeBuffer, detectEncoding, normaliseEncodingName } from './encoding';
import { neutraliseFormula } from './formulaGuard';
import { sniffFile } from './sniff';
import { FileFormatError, type TableRow } from './tableRows';
import { xlsxRows } from './xlsxRows';
import { xlsxStream } from './xlsxWriter';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const chinese =
  '姓名,手机,邮箱,公司\r\n张伟,13800138000,zw@example.com,北京云帆科技有限公司\r\n欧阳娜娜,021-6888 1234,nana@example.cn,上海（浦东）贸易\r\n';

async function collect(rows: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

function write(name: string, bytes: Buffer | string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

async function readDelimited(file: string) {
  const { sample, truncated } = { sample: fs.readFileSync(file), truncated: false };
  const sniffed = sniffFile(sample, truncated);
  const layout = delimitedLayout(sniffed.text!, truncated, sniffed.encoding!);
  return { layout, rows: await collect(delimitedRows(file, layout)) };
}

describe('encoding detection', () => {
  const cases: [string, Buffer, string, boolean][] = [
    ['UTF-8 without BOM', Buffer.from(chinese, 'utf8'), 'utf-8', false],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)]), 'utf-8', true],
    ['UTF-16 LE with BOM', iconv.encode(chinese, 'utf16le', { addBOM: true }), 'utf-16le', true],
    ['UTF-16 BE with BOM', iconv.encode(chinese, 'utf16be', { addBOM: true }), 'utf-16be', true],
    [
      'UTF-16 LE without BOM',
      iconv.encode('Name,Email\r\nAda,ada@example.com\r\n', 'utf16le'),
      'utf-16le',
      false,
    ],
    ['GB18030 (Chinese Excel)', iconv.encode(chinese, 'gb18030'), 'gb18030', false],
    ['GBK subset', iconv.encode('姓名\r\n张伟\r\n', 'gbk'), 'gb18030', false],
    [
      'Windows-1252',
      iconv.encode('Name,City\r\nJosé,Zürich\r\nRenée,Besançon\r\n', 'win1252'),
      'windows-1252',
      false,
    ],
  ];
  for (const [name, bytes, encoding, bom] of cases) {
    it(`detects ${name} and reads every row back`, async () => {
      expect(detectEncoding(bytes)).toEqual({ encoding, bom });
      const file = write(`enc-${encoding}-${bom}.csv`, bytes);
      const { rows } = await readDelimited(file);
      const original = iconv.decode(bytes, encoding === 'windows-1252' ? 'win1252' : encoding);
      const expected = original
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split(','));
      expect(rows.map((r) => r.cells)).toEqual(expected);
      expect(rows[0]!.cells[0]).not.toMatch(/^\uFEFF/);
    });
  }

  it('treats a UTF-8 sample cut inside a character as UTF-8', () => {
    const bytes = Buffer.from('名字,公司\n张伟,云帆', 'utf8');
    // Cut one byte into the last three-byte character.
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2), true).encoding).toBe('utf-8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 2), false).encoding).not.toBe('utf-8');
  });

  it('treats pure ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n')).encoding).toBe('utf-8');
  });

  it('knows the names users give encodings', () => {
    expect(normaliseEncodingName('GBK')).toBe('gb18030');
    expect(normaliseEncodingName('gb2312')).toBe('gb18030');
    expect(normaliseEncodingName('UTF8')).toBe('utf-8');
    expect(normaliseEncodingName('UTF-16')).toBe('utf-16le');
    expect(normaliseEncodingName('klingon')).toBeNull();
  });

  it('decodes a GB18030 file across chunk boundaries inside a character', async () => {
    const bytes = iconv.encode(`姓名\n${'张伟\n'.repeat(50_000)}`, 'gb18030');
    const file = write('gb-long.csv', bytes);
    const { rows, layout } = await readDelimited(file);
    expect(layout.encoding.encoding).toBe('gb18030');
    expect(rows).toHaveLength(50_001);
    expect(rows.every((r, i) => r.cells[0] === (i === 0 ? '姓名' : '张伟'))).toBe(true);
  });
});

describe('delimiter detection', () => {
  it.each([
    [',', 'First Name,Last Name,Email\nAda,Lovelace,ada@example.com\n'],
    [';', 'Vorname;Nachname;Betrag\nJürgen;Müller;1.234,50\n'],
    ['\t', 'Name\tPhone\tNote\nAda\t+44 20 1234\tsays "hi", often\n'],
    ['|', 'name|email|city\nAda|ada@example.com|London, UK\n'],
  ])('detects %j', (d, text) => {
    expect(detectDelimiter(text).delimiter).toBe(d);
  });

  it('ignores delimiters inside quotes', () => {
    const text = 'Name;Address\n"Lovelace, Ada";"1 Road, London, UK"\n"Babbage, C";"2 Street, Bath"\n';
    expect(detectDelimiter(text).delimiter).toBe(';');
  });

  it("honours Excel's sep= hint line and numbers rows after it", async () => {
    const file = write('sep.csv', 'sep=;\r\nName;Amount\r\nAda;1,5\r\n');
    const { layout, rows } = await readDelimited(file);
    expect(layout).toMatchObject({ delimiter: ';', skipLines: 1 });
    expect(rows).toEqual([
      { row: 1, cells: ['Name', 'Amount'] },
      { row: 2, cells: ['Ada', '1,5'] },
    ]);
  });

  it('falls back to comma for a single column', () => {
    expect(detectDelimiter('email\nada@example.com\n').delimiter).toBe(',');
  });
});

describe('delimited rows', () => {
  it('keeps Excel row numbers across empty lines and multi-line cells', async () => {
    const file = write('multi.csv', 'Name,Note\n"Ada","line one\nline two"\n\nBob,"said ""hi"""\n');
    const { rows } = await readDelimited(file);
    expect(rows).toEqual([
      { row: 1, cells: ['Name', 'Note'] },
      { row: 2, cells: ['Ada', 'line one\nline two'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['Bob', 'said "hi"'] },
    ]);
  });

  it('refuses an unclosed quote with the row where it starts', async () => {
    const file = write('unclosed.csv', 'Name,Note\nAda,fine\n"Bob,never closed\nCarl,x\n');
    await expect(readDelimited(file)).rejects.toThrow(/Row 3: a quoted value is never closed/);
  });

  it('refuses a line longer than the limit instead of buffering it', async () => {
    const text = Readable.from([`a,b\n1,2\n${'x'.repeat(5000)}\n`]);
    const rows = csvRows(text, { delimiter: ',', maxRecordChars: 1000 });
    const err = await collect(rows).catch((e) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect(err.errors).toEqual([{ field: 'file', message: expect.stringMatching(/^Row 3 is longer/) }]);
  });
});

describe('sniffing uploads', () => {
  it('refuses empty, blank and binary files, old .xls and PDF with a message', () => {
    const refusals: [Buffer, RegExp][] = [
      [Buffer.alloc(0), /empty/],
      [Buffer.from('  \r\n\r\n'), /empty/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]), /not text/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls/],
      [Buffer.from('%PDF-1.7\n'), /PDF/],
    ];
    for (const [bytes, message] of refusals) {
      expect(() => sniffFile(bytes, false)).toThrow(message);
    }
    let seed = 7;
    const garbage = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(() => sniffFile(garbage, false)).toThrow(FileFormatError);
  });

  it('recognises XLSX by its zip signature and vCard by its first line, whatever the name', () => {
    expect(sniffFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]), false).format).toBe('xlsx');
    expect(sniffFile(Buffer.from('\uFEFFBEGIN:VCARD\r\nVERSION:4.0\r\n'), false).format).toBe('vcard');
    expect(sniffFile(Buffer.from('BEGIN:VCARD is my column,b\r\n1,2\r\n'), false).format).toBe('delimited');
  });
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `'=HYPERLINK("http://evil.example","Click")`],
    ['+cmd|/c calc', `'+cmd|/c calc`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['-12.50', '-12.50'],
    ['+8613800138000', '+8613800138000'],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it('quotes CSV cells that need it and neutralises text, not numbers', () => {
    expect(csvLine(['=1+1', 'a,b', 'say "x"', -5, null, true])).toBe(`'=1+1,"a,b","say ""x""",-5,,true\r\n`);
  });
});

describe('writers', () => {
  async function bytesOf(stream: Readable): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(c as Buffer);
    return Buffer.concat(parts);
  }

  async function* rowsOf(rows: (string | number | null)[][]) {
    for (const r of rows) yield r;
  }

  it('streams CSV in UTF-8 with a BOM and in GB18030, both readable back', async () => {
    const data = [
      ['姓名', '备注'],
      ['张伟', '=HYPERLINK("http://evil")'],
    ];
    const utf8 = await bytesOf(csvStream(rowsOf(data)));
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const gb = await bytesOf(csvStream(rowsOf(data), { encoding: 'gb18030' }));
    expect(detectEncoding(gb).encoding).toBe('gb18030');
    for (const [name, bytes] of [
      ['out-utf8.csv', utf8],
      ['out-gb.csv', gb],
    ] as const) {
      const { rows } = await readDelimited(write(name, bytes));
      expect(rows.map((r) => r.cells)).toEqual([
        ['姓名', '备注'],
        ['张伟', `'=HYPERLINK("http://evil")`],
      ]);
    }
    expect(decodeBuffer(gb, 'gb18030')).toContain('张伟');
  });

  it('streams an XLSX that the streaming reader reads back, formulas neutralised', async () => {
    const file = path.join(dir, 'out.xlsx');
    const body = [
      ['张伟', '13800138000', 1234.5, '=1+1'],
      ['Ada', null, -3, 'plain'],
    ];
    const bytes = await bytesOf(
      xlsxStream({
        name: 'Contacts: all/[x]',
        header: ['姓名', '手机', 'Amount', 'Note'],
        rows: rowsOf(body),
      }),
    );
    fs.writeFileSync(file, bytes);
    const rows = await collect(xlsxRows(file));
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '手机', 'Amount', 'Note'] },
      { row: 2, cells: ['张伟', '13800138000', '1234.5', `'=1+1`] },
      { row: 3, cells: ['Ada', '', '-3', 'plain'] },
    ]);
  });

  it('refuses a zip that is not a workbook and a missing sheet', async () => {
    const notXlsx = write('fake.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]));
    await expect(collect(xlsxRows(notXlsx))).rejects.toBeInstanceOf(FileFormatError);
    const file = path.join(dir, 'one-sheet.xlsx');
    fs.writeFileSync(file, await bytesOf(xlsxStream({ name: 'S', header: ['a'], rows: rowsOf([]) })));
    await expect(collect(xlsxRows(file, { sheet: 'Other' }))).rejects.toThrow(/no sheet Other/);
  });
});
