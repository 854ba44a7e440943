// Field access for one caller: the role's hidden/read-only rules, plus rollups derived from an
// object the caller cannot read in full (a company's open deal value sums deals a rep may not
// see, so it is hidden from them like any hidden field: not shown, not filterable, not sortable).
import type { Actor } from '../../../platform/access/actor';
import { fieldVisibility, scopeOf } from '../../../platform/access/authorize';
import { standardObjects } from './standardObjects';

const derived = new Map<string, string>();
for (const o of standardObjects.values())
  for (const f of o.fields) if (f.derivedFrom) derived.set(`${o.name}.${f.name}`, f.derivedFrom);

export function fieldAccess(actor: Actor, object: string, field: string): 'hidden' | 'readOnly' | 'write' {
  const source = derived.get(`${object}.${field}`);
  if (source && actor.kind !== 'system' && scopeOf(actor, source, 'read') !== 'all') return 'hidden';
  return fieldVisibility(actor, object, field);
}
