import { Conflict } from '../../platform/errors';
import type { Executor } from '../../platform/db/schema';

/** Sign-in names no workspace, so an address belongs to one user in the whole installation. */
export async function assertEmailFree(db: Executor, email: string, exceptUserId?: string): Promise<void> {
  let q = db
    .selectFrom('users')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .select('id');
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  if (await q.executeTakeFirst()) throw emailTaken();
}

export const emailTaken = () =>
  new Conflict('A user with this email already exists', [{ field: 'email', message: 'Already in use' }]);

/** The unique index catches the race between the check above and the write. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
