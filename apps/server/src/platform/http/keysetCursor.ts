// Opaque keyset cursors: the sort values of the last row of a page, base64url-encoded JSON. A
// cursor that does not decode to the expected shape is the caller's mistake: 400 naming "after".
import { fieldError } from '../errors';

export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor into exactly `arity` strings (or numbers); anything else is a 400. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('after', 'The cursor is not valid; use nextCursor from the previous page');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== arity ||
    !parsed.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw fieldError('after', 'The cursor is not valid; use nextCursor from the previous page');
  }
  return parsed as (string | number)[];
}
