// Rules other domains add to every update, checked after the object's own prepare hook: the
// approval engine refuses edits of fields locked while an approval is pending. A guard adds field
// errors to the write state (a 400 naming the field) or throws a platform error (422).
import type { Ctx } from '../../../platform/context';
import type { WriteState } from '../meta/types';

type WriteGuard = (ctx: Ctx, w: WriteState) => Promise<void>;
const guards = new Map<string, WriteGuard>();

export function registerWriteGuard(name: string, guard: WriteGuard): void {
  guards.set(name, guard);
}

export async function runWriteGuards(ctx: Ctx, w: WriteState): Promise<void> {
  for (const g of guards.values()) await g(ctx, w);
}
