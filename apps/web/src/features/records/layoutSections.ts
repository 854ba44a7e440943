// The record page's sections: the admin's layout when there is one, otherwise "Details" with every
// visible field and "System" with the timestamps. Fields missing from a layout still appear (in
// "Other") so a new custom field is never invisible.
import type { FieldMeta, LocalizedText, ObjectMeta } from '@rapport/contracts/apiTypes';

export interface Section {
  key: string;
  label: string | LocalizedText | null;
  labelKey?: 'record.details' | 'record.system' | 'record.other';
  fields: FieldMeta[];
}

const system = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'version', 'ownerId', 'object']);

export function layoutSections(meta: ObjectMeta): Section[] {
  const visible = meta.fields.filter((f) => !f.hidden);
  const byName = new Map(visible.map((f) => [f.name, f]));
  // Read-only standard fields (ids, timestamps, rollups such as "last activity") go together at the
  // end, so the sections a rep edits hold only what a rep can edit.
  const isSystem = (f: FieldMeta) => system.has(f.name) || (f.readOnly && !f.custom);
  const systemFields = visible.filter(isSystem);
  const sections: Section[] = [];
  const used = new Set<string>();
  for (const [i, s] of (meta.layout?.sections ?? []).entries()) {
    const fields = s.fields
      .map((n) => byName.get(n))
      .filter((f): f is FieldMeta => Boolean(f) && !used.has(f!.name));
    for (const f of fields) used.add(f.name);
    if (fields.length) sections.push({ key: `s${i}`, label: s.label, fields });
  }
  const rest = visible.filter((f) => !used.has(f.name) && !isSystem(f));
  if (rest.length)
    sections.push({
      key: 'rest',
      label: null,
      labelKey: sections.length ? 'record.other' : 'record.details',
      fields: rest,
    });
  const sys = systemFields.filter((f) => !used.has(f.name));
  if (sys.length) sections.push({ key: 'system', label: null, labelKey: 'record.system', fields: sys });
  return sections;
}
