// Writes own their transaction unless the caller already opened one (ctx.db.isTransaction), so
// an import, a workflow or a lead conversion can put several writes in one commit.
import { type Ctx, inTx } from '../../../platform/context';

export async function withTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((tx) => fn(inTx(ctx, tx)));
}
