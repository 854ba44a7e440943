/** Ids grouped by object, as the per-object batched lookups want them. */
export function addId(map: Map<string, Set<string>>, object: string, id: unknown): void {
  if (typeof id !== 'string') return;
  const set = map.get(object);
  if (set) set.add(id);
  else map.set(object, new Set([id]));
}
