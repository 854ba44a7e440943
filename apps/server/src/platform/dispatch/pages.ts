// Keyset pages over the process engine's logs (emails, runs, deliveries, enrolments): newest first by
// time-ordered UUIDv7 id, so page 1,000 costs what page 1 does. The cursor is the last id, opaque.
import { z } from 'zod';
import { isUuid } from '../ids';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z
    .string()
    .max(100)
    .optional()
    .refine((v) => v === undefined || decodeCursor(v) !== null, 'Not a cursor from a previous page'),
};

export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return isUuid(id) ? id : null;
}

/** Rows fetched with limit + 1: the page and the cursor of the next one (null on the last page). */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
}
