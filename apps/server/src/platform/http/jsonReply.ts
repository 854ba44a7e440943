// Reply bodies as JSON bytes. A page of records is written one record at a time into UTF-8: V8's
// JSON.stringify of a large object holding non-Latin text (a page of Chinese names) returns a
// string that Node then flattens and encodes twice (once for Content-Length, once for the
// socket), about 0.8 ms for a 74 kB page of 50 contacts against 0.3 ms this way (BENCHMARKS.md).
import type { FastifyInstance } from 'fastify';

/** Arrays at least this long are encoded item by item; shorter bodies are one JSON.stringify. */
const ITEMWISE_FROM = 8;

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
};

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** The pieces of a plain object whose long arrays are split per item; null when there is none. */
function itemwise(payload: Record<string, unknown>): string[] | null {
  let split = false;
  const parts: string[] = ['{'];
  let first = true;
  for (const key of Object.keys(payload)) {
    const value = payload[key];
    if (Array.isArray(value) && value.length >= ITEMWISE_FROM) {
      split = true;
      parts.push(`${first ? '' : ','}${JSON.stringify(key)}:[`);
      value.forEach((item, i) => {
        // As JSON.stringify does inside an array: what it cannot encode becomes null.
        parts.push(i ? ',' : '', (omitted(item) ? undefined : JSON.stringify(item)) ?? 'null');
      });
      parts.push(']');
    } else {
      // As JSON.stringify does in an object: a value it cannot encode drops its key.
      const text = omitted(value) ? undefined : JSON.stringify(value);
      if (text === undefined) continue;
      parts.push(`${first ? '' : ','}${JSON.stringify(key)}:`, text);
    }
    first = false;
  }
  parts.push('}');
  return split ? parts : null;
}

/** The body's bytes (or text, when it is small); the same JSON that JSON.stringify would write. */
export function encodeJson(payload: unknown): string | Buffer {
  const parts = isPlainObject(payload) ? itemwise(payload) : null;
  if (!parts) return JSON.stringify(payload);
  const bufs = parts.map((p) => Buffer.from(p, 'utf8'));
  return Buffer.concat(bufs);
}

export function installJsonReply(app: FastifyInstance) {
  // Fastify sends a Buffer as it is; the JSON content type was set before serialising.
  app.setReplySerializer((payload) => encodeJson(payload) as string);
}
