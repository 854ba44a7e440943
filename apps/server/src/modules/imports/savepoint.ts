// A write that may be refused, inside the import's batch transaction: on failure the savepoint is
// rolled back, so the transaction stays usable for the rows after it.
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';

export async function inSavepoint<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT rapport_import_row`.execute(ctx.db);
  try {
    const out = await fn();
    await sql`RELEASE SAVEPOINT rapport_import_row`.execute(ctx.db);
    return out;
  } catch (err) {
    await sql`ROLLBACK TO SAVEPOINT rapport_import_row`.execute(ctx.db);
    throw err;
  }
}
