// A reply body written item by item is byte for byte what JSON.stringify writes, whatever the
// payload holds, and a page over HTTP arrives whole with its length and content type.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { encodeJson, installJsonReply } from './jsonReply';

const text = (v: string | Buffer) => (typeof v === 'string' ? v : v.toString('utf8'));

const record = (i: number) => ({
  id: `0190f0c0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  name: i % 2 ? `王小明 ${i}` : `Zoë “quoted” \\ ${i}`,
  emoji: '👩‍💼\u2028\u0000',
  when: new Date(Date.UTC(2026, 11, 7, 10, i)),
  amount: { amount: '12.50', currency: 'CNY' },
  tags: [],
  gone: undefined,
  fn: () => 1,
  nested: {
    a: [1, undefined, null, Number.NaN, { b: undefined }],
    toJSONHolder: { toJSON: () => 'as text' },
  },
});

describe('encodeJson', () => {
  const cases: [string, unknown][] = [
    [
      'a page of records',
      { data: Array.from({ length: 50 }, (_, i) => record(i)), nextCursor: 'abc', total: undefined },
    ],
    ['a long array that is not first', { nextCursor: null, data: Array.from({ length: 9 }, (_, i) => i) }],
    ['holes and unencodable items', { data: [1, undefined, () => 2, Symbol('s'), null, 3, 4, 5, 6] }],
    ['a short array', { data: [record(1)], nextCursor: null }],
    ['two long arrays', { a: Array(8).fill('x'), b: Array(10).fill({ c: '中' }) }],
    ['a top-level array', Array.from({ length: 20 }, (_, i) => record(i))],
    ['a value with toJSON', { data: Array(8).fill(1), at: new Date(0), custom: { toJSON: () => undefined } }],
    ['an object with its own toJSON', { toJSON: () => ({ data: Array(8).fill(2) }) }],
    ['a string', '中文 text'],
    ['null', null],
    ['an empty object', {}],
    [
      'a problem',
      { type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ field: 'x', message: 'y' }] },
    ],
  ];
  for (const [name, payload] of cases)
    it(`writes ${name} as JSON.stringify does`, () => {
      expect(text(encodeJson(payload))).toBe(JSON.stringify(payload));
    });

  it('writes a page as UTF-8 bytes rather than a string', () => {
    const out = encodeJson({ data: Array.from({ length: 10 }, (_, i) => record(i)) });
    expect(Buffer.isBuffer(out)).toBe(true);
  });
});

describe('the reply serializer', () => {
  it('sends a page whole, as JSON, with its byte length', async () => {
    const app = Fastify();
    installJsonReply(app);
    const page = { data: Array.from({ length: 50 }, (_, i) => record(i)), nextCursor: null };
    app.get('/page', async () => page);
    app.get('/problem', async (_req, reply) =>
      reply.status(422).type('application/problem+json').send({ title: '不行', status: 422 }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/page`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(body.length);
      expect(body.toString('utf8')).toBe(JSON.stringify(page));
      const problem = await fetch(`http://127.0.0.1:${port}/problem`);
      expect(problem.status).toBe(422);
      expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await problem.json()).toEqual({ title: '不行', status: 422 });
    } finally {
      await app.close();
    }
  });
});
