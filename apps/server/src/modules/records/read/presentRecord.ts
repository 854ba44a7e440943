// What a caller receives: the record without the fields their role hides, plus the names of
// the records it points at (`related`). The outbox and hooks use the full record instead.

import type { Actor } from '../../../platform/access/actor';
import type { Ctx } from '../../../platform/context';
import type { ApiRecord, LoadedObject } from '../meta/types';
import { attachRelated } from './relatedNames';
import { fieldAccess } from '../meta/fieldAccess';

export function visibleFields(actor: Actor, meta: LoadedObject): Set<string> {
  return new Set(
    meta.fields.filter((f) => fieldAccess(actor, meta.name, f.name) !== 'hidden').map((f) => f.name),
  );
}

export async function presentRecords(
  ctx: Ctx,
  meta: LoadedObject,
  records: ApiRecord[],
): Promise<ApiRecord[]> {
  const visible = visibleFields(ctx.actor, meta);
  // The same keys in the same order for every record (one object shape for V8), and only objects
  // copied (the caller keeps the full record): this loop was a tenth of a list request's time.
  const keys = ['id', 'object', ...meta.fields.filter((f) => visible.has(f.name)).map((f) => f.name)];
  const out = records.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) {
      if (!(k in r)) continue;
      const v = r[k];
      o[k] = typeof v === 'object' && v !== null ? structuredClone(v) : v;
    }
    return o as ApiRecord;
  });
  await attachRelated(ctx, meta, out, visible);
  return out;
}

export async function presentRecord(ctx: Ctx, meta: LoadedObject, record: ApiRecord): Promise<ApiRecord> {
  const [r] = await presentRecords(ctx, meta, [record]);
  return r!;
}
