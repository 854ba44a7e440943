// Hostile and broken uploads: each is a 4xx problem+json naming what is wrong, never a 5xx, and
// leaves no import and no file behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { multipart, upload } from './testing/upload';

let t: TestApp;
let filesDir: string;
beforeAll(async () => {
  t = await createTestApp({
    env: { UPLOAD_LIMIT_BYTES: String(2 * 1024 * 1024), DATA_DIR: `.tmp/hostile-${process.pid}` },
  });
  filesDir = path.join(t.app.config.dataDir, 'files', 'imports', t.workspaceId);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(t.app.config.dataDir, { recursive: true, force: true });
});

const expectProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json: () => any },
  status: number,
  field?: string,
  message?: RegExp,
) => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  if (field) expect(res.json().errors?.[0]?.field).toBe(field);
  if (message) expect(res.json().errors?.[0]?.message ?? res.json().detail).toMatch(message);
};

describe('hostile uploads', () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
  ]);
  let seed = 11;
  const garbage = Buffer.from(
    Buffer.alloc(8192).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    }),
  );
  const cases: [string, Buffer | string, string, RegExp][] = [
    ['an empty file', '', 'empty.csv', /empty/],
    ['only blank lines', '\r\n\r\n  \r\n', 'blank.csv', /empty/],
    ['binary garbage', garbage, 'data.csv', /not text/],
    ['a PNG named .csv', png, 'photo.csv', /not text/],
    [
      'an old .xls workbook',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'old.xls',
      /\.xls/,
    ],
    [
      'a zip that is no workbook',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]),
      'book.xlsx',
      /XLSX/,
    ],
    ['a huge line', `Email\n${'a'.repeat(1024 * 1024 + 10)}\n`, 'huge.csv', /longer than the limit/],
    [
      'an unclosed quote',
      'Email,Name\r\nok@example.com,Ok\r\n"broken@example.com,Never closed\r\n',
      'q.csv',
      /Row 3: a quoted value is never closed/,
    ],
  ];
  for (const [what, content, name, message] of cases) {
    it(`refuses ${what} with a 4xx`, async () => {
      const res = await upload(t.admin.client, {
        object: 'contacts',
        file: { name, content: typeof content === 'string' ? Buffer.from(content) : content },
      });
      expectProblem(res, 400, 'file', message);
    });
  }

  it('reads a CSV uploaded under a wrong extension by its content', async () => {
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'contacts.xlsx', content: 'Email,Last Name\r\next@example.com,Ext\r\n' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'csv', counts: { created: 1 } });
  });

  it('refuses a body larger than the upload limit with 413', async () => {
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'big.csv', content: `Email\n${'x@example.com\n'.repeat(200_000)}` },
    });
    expectProblem(res, 413);
  });

  it('refuses requests that are not well-formed imports, naming the part', async () => {
    expectProblem(await t.admin.client.post('/api/v1/imports', { object: 'contacts' }), 400, 'file');
    expectProblem(await upload(t.admin.client, { object: 'contacts' }), 400, 'file', /Attach the file/);
    const file = { name: 'c.csv', content: 'Email\r\na@example.com\r\n' };
    expectProblem(await upload(t.admin.client, { file }), 400, 'object');
    expectProblem(await upload(t.admin.client, { object: 'nosuchthing', file }), 400, 'object', /no object/);
    expectProblem(await upload(t.admin.client, { object: "contacts'; drop table x", file }), 400, 'object');
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: '{not json', file }),
      400,
      'options',
      /Not valid JSON/,
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { onmatch: 'update' }, file }),
      400,
      'options.onmatch',
      /Unknown field/,
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { onMatch: 'merge' }, file }),
      400,
      'options.onMatch',
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { mapping: { Nope: 'email' } }, file }),
      400,
      'options.mapping.Nope',
      /no column/,
    );
    expectProblem(
      await upload(t.admin.client, {
        object: 'contacts',
        options: { mapping: { Email: 'createdAt' } },
        file,
      }),
      400,
      'options.mapping.Email',
      /read-only/,
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { mapping: { Email: 'shoeSize' } }, file }),
      400,
      'options.mapping.Email',
      /not a field/,
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { match: ['shoeSize'] }, file }),
      400,
      'options.match.0',
    );
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', options: { encoding: 'klingon' }, file }),
      400,
      'file',
      /Unknown text encoding/,
    );
    const wide = `${Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',')}\n1\n`;
    expectProblem(
      await upload(t.admin.client, { object: 'contacts', file: { name: 'wide.csv', content: wide } }),
      400,
      'file',
      /1001 columns/,
    );
  });

  it('refuses a second file part and a malformed multipart body without a 5xx', async () => {
    const { payload, headers } = multipart({
      object: 'contacts',
      file: { name: 'a.csv', content: 'Email\r\na@example.com\r\n' },
    });
    const broken = payload.subarray(0, payload.length - 20);
    const res = await t.admin.client.request('POST', '/api/v1/imports', broken, headers);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('leaves no stored file behind for refused uploads', async () => {
    // A cut-off body can be answered before its half-written file is removed: the removal follows
    // the stream's error, not the response, so give it a moment (seen in CI on 2026-12-06).
    const leftOver = () => (fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []);
    for (let i = 0; i < 50 && leftOver().length; i++) await new Promise((r) => setTimeout(r, 100));
    const left = leftOver();
    expect(left, left.join(', ')).toEqual([]);
  });
});
