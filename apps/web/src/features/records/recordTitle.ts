// The one line that names a record: in lists of search hits, links, the record page header.
import type { ObjectMeta, RecordBase } from '@rapport/contracts/apiTypes';

const personObjects = new Set(['contacts', 'leads', 'users']);

export function recordTitle(
  meta: Pick<ObjectMeta, 'name' | 'titleField' | 'fields'> | undefined,
  r: RecordBase | undefined | null,
): string {
  if (!r) return '';
  if (meta?.titleField && r[meta.titleField]) return String(r[meta.titleField]);
  const object = meta?.name ?? r.object;
  if (object && personObjects.has(object)) {
    const first = String(r.firstName ?? '');
    const last = String(r.lastName ?? '');
    // Chinese names read family name first with no space (张伟); Latin names "Ada Lovelace".
    const cjk = /[\u3400-\u9fff]/.test(first + last);
    const name = cjk ? `${last}${first}` : `${first} ${last}`.trim();
    if (name) return name;
    if (r.email) return String(r.email);
  }
  for (const key of ['name', 'subject', 'title'])
    if (typeof r[key] === 'string' && r[key]) return r[key] as string;
  const firstText = meta?.fields.find((f) => f.type === 'text' && typeof r[f.name] === 'string' && r[f.name]);
  if (firstText) return String(r[firstText.name]);
  return r.id.slice(0, 8);
}
