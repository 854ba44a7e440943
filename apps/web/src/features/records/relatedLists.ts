// Which lists a record page shows below its fields: every object with a relation field pointing at
// this object (contacts and deals of a company, commitments of a deal, custom objects too),
// straight from metadata.
import type { FieldMeta, Filter, ObjectMeta } from '@rapport/contracts/apiTypes';

export interface RelatedListDef {
  object: ObjectMeta;
  field: FieldMeta;
  /** Another relation from the same object points here too: name the field in the title. */
  ambiguous: boolean;
  filter: (id: string) => Filter;
}

export function relatedListsFor(
  object: string,
  all: ObjectMeta[],
  canRead: (o: string) => boolean,
): RelatedListDef[] {
  const out: RelatedListDef[] = [];
  for (const o of all) {
    if (!canRead(o.name) || o.name === 'activities') continue; // Activities are on the timeline.
    if (o.name === object && o.name !== 'companies') continue; // Self-links other than parent companies add noise.
    for (const f of o.fields) {
      if (f.type !== 'relation' || f.relation?.object !== object || f.hidden) continue;
      const many = Boolean(f.relation.many) || f.name.endsWith('Ids');
      out.push({
        object: o,
        field: f,
        ambiguous: false,
        filter: (id) => ({ field: f.name, op: many ? 'contains' : 'eq', value: id }),
      });
    }
  }
  for (const d of out) d.ambiguous = out.filter((x) => x.object.name === d.object.name).length > 1;
  return out;
}
