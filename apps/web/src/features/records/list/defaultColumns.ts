// The columns a list shows before the user (or a saved view) picks others: the fields a rep
// looks for first on each standard object; a custom object shows its first fields.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';

const defaults: Record<string, string[]> = {
  companies: ['name', 'industry', 'phone', 'domain', 'ownerId', 'updatedAt'],
  contacts: ['firstName', 'lastName', 'email', 'phone', 'title', 'companyId', 'ownerId'],
  leads: ['firstName', 'lastName', 'company', 'email', 'phone', 'status', 'score', 'ownerId'],
  deals: ['name', 'amount', 'stageId', 'closeDate', 'companyId', 'ownerId'],
  activities: ['type', 'subject', 'dueAt', 'doneAt', 'outcome', 'ownerId'],
  commitments: ['description', 'companyId', 'status', 'value', 'dueAt'],
};

export function defaultColumns(meta: ObjectMeta): string[] {
  const names = new Set(meta.fields.filter((f) => !f.hidden).map((f) => f.name));
  const wanted = (defaults[meta.name] ?? []).filter((n) => names.has(n));
  if (wanted.length) return wanted;
  return meta.fields
    .filter((f) => !f.hidden && f.type !== 'longText')
    .slice(0, 6)
    .map((f) => f.name);
}

/** Fields a list can show as columns: every visible field, plus the system timestamps. */
export function columnCandidates(meta: ObjectMeta) {
  return meta.fields.filter((f) => !f.hidden && f.name !== 'id' && f.name !== 'version');
}
