// Columns declared Generated<Timestamp> in platform/db/schema.ts come out of Kysely's types as a
// ColumnType rather than a Date (Generated wraps a ColumnType in another); at run time both drivers
// return a Date. These two helpers keep that mismatch in one place.
import { clock } from '../../platform/clock';
import type { Timestamp } from '../../platform/db/schema';

export const isoTime = (v: unknown): string => new Date(v as Date | string).toISOString();
export const isoTimeOrNull = (v: unknown): string | null =>
  v === null || v === undefined ? null : isoTime(v);

/** clock.now() for a Generated<Timestamp> column (created_at, updated_at). */
export const stamp = (d: Date = clock.now()) => d as unknown as Timestamp;
