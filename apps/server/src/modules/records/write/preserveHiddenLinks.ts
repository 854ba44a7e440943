// A caller edits the links they can see: entries of a link list (an activity's relatedTo, a deal's
// contactIds, tagIds) that point at records hidden from them were never shown, so replacing the
// list must not silently drop them. They are put back before the write.
import type { Ctx } from '../../../platform/context';
import { addId } from '../meta/idSets';
import type { LoadedObject } from '../meta/types';
import { resolveNames } from '../read/relatedNames';

type Target = { object: string; id: string };

export async function preserveHiddenLinks(
  ctx: Ctx,
  meta: LoadedObject,
  old: Record<string, unknown>,
  next: Record<string, unknown>,
  given: Set<string>,
): Promise<void> {
  if (ctx.actor.kind === 'system') return;
  const fields = meta.fields.filter(
    (f) => given.has(f.name) && (f.type === 'relatedTo' || (f.relation?.many && f.storage.kind === 'link')),
  );
  if (!fields.length) return;
  const targetsOf = (f: (typeof fields)[number], v: unknown): Target[] =>
    f.type === 'relatedTo'
      ? ((v as Target[] | null) ?? [])
      : ((v as string[] | null) ?? []).map((id) => ({ object: f.relation!.object, id }));
  const wanted = new Map<string, Set<string>>();
  const removed = new Map<string, Target[]>();
  for (const f of fields) {
    const now = new Set(targetsOf(f, next[f.name]).map((t) => `${t.object}:${t.id}`));
    const gone = targetsOf(f, old[f.name]).filter((t) => !now.has(`${t.object}:${t.id}`));
    removed.set(f.name, gone);
    for (const t of gone) addId(wanted, t.object, t.id);
  }
  if (!wanted.size) return;
  const visible = await resolveNames(ctx, wanted);
  for (const f of fields) {
    const hidden = (removed.get(f.name) ?? []).filter((t) => !visible.get(t.object)?.has(t.id));
    if (!hidden.length) continue;
    if (f.type === 'relatedTo') next[f.name] = [...((next[f.name] as Target[] | null) ?? []), ...hidden];
    else next[f.name] = [...((next[f.name] as string[] | null) ?? []), ...hidden.map((t) => t.id)];
  }
}
