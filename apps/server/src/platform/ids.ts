import { randomBytes, createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** Time-ordered ids: good for B-tree locality and keyset pages. */
export const newId = (): string => uuidv7();

/** 128 bits or more from the OS CSPRNG, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && uuidRe.test(s);
