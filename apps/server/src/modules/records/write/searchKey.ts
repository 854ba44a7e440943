// The record's `search_text`: the values of the fields whose definition names a search role,
// normalised by platform/search (pinyin of Chinese names, phone digits, email parts, domains).
import { type SearchParts, searchTextFor } from '../../../platform/search/searchText';
import type { LoadedObject } from '../meta/types';

export function searchKeyOf(meta: LoadedObject, values: Record<string, unknown>): string {
  const parts: Required<Record<keyof SearchParts, string[]>> = {
    names: [],
    emails: [],
    phones: [],
    domains: [],
    other: [],
  };
  for (const f of meta.fields) {
    if (!f.search) continue;
    const v = values[f.name];
    const list = Array.isArray(v) ? v : [v];
    for (const x of list) {
      if (typeof x === 'string' && x) parts[f.search].push(x);
      else if (typeof x === 'number') parts[f.search].push(String(x));
    }
  }
  return searchTextFor(parts);
}
