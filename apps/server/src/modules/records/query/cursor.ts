// Opaque keyset cursors: the sort values of a page's last row plus its id, and a fingerprint of
// the sort they belong to (a cursor from another sort would skip or repeat rows, so it is refused).
import { createHash } from 'node:crypto';
import { fieldError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';

export type CursorValue = string | number | boolean | null;

interface CursorBody {
  s: string;
  v: CursorValue[];
  i: string;
}

export const sortFingerprint = (parts: string[]): string =>
  createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 10);

export function encodeCursor(fingerprint: string, values: CursorValue[], id: string): string {
  const body: CursorBody = { s: fingerprint, v: values, i: id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const invalid = () =>
  fieldError('after', 'The cursor is not valid for this list; use nextCursor from the previous page');

export function decodeCursor(
  cursor: string,
  fingerprint: string,
  arity: number,
): { values: CursorValue[]; id: string } {
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const b = body as Partial<CursorBody>;
  if (
    !b ||
    typeof b !== 'object' ||
    b.s !== fingerprint ||
    !Array.isArray(b.v) ||
    b.v.length !== arity ||
    !isUuid(b.i) ||
    !b.v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))
  )
    throw invalid();
  return { values: b.v as CursorValue[], id: b.i };
}
