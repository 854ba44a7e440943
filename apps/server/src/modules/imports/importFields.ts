// The fields an import may fill, from the record engine's metadata: what the caller may write,
// less the structured types no spreadsheet cell can express. Social profiles are a list: columns
// append to it (see socialTargets.ts).
import { fieldVisibility } from '../../platform/access/authorize';
import type { Actor } from '../../platform/access/actor';
import type { FieldDef, LoadedObject } from '../records/meta/types';
import type { MappableField } from './autoMap';
import type { CoercibleField } from './coerce/coerceCell';

export interface ImportField extends MappableField, CoercibleField {
  name: string;
  type: string;
  required: boolean;
  many: boolean;
  def: FieldDef;
}

const notImportable = new Set(['relatedTo', 'moneyTotals']);

export function importFields(meta: LoadedObject, actor: Actor): ImportField[] {
  const out: ImportField[] = [];
  for (const f of meta.fields) {
    if (f.name === 'id' || notImportable.has(f.type)) continue;
    const access = fieldVisibility(actor, meta.name, f.name);
    if (access === 'hidden') continue;
    out.push({
      name: f.name,
      type: f.type,
      label: f.labels,
      options: f.options,
      relation: f.relation ?? null,
      readOnly: Boolean(f.system) || access === 'readOnly',
      required: Boolean(f.required) && !f.system && f.defaultValue === undefined,
      many: Boolean(f.many || f.relation?.many) || f.type === 'socialProfiles',
      def: f,
    });
  }
  return out;
}
