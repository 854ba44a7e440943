// The duplicates list: groups of likely duplicates, rule by rule, paged by an opaque cursor of
// (rule, last key), each record shown with what a person needs to decide.
import { authorize } from '../../platform/access/authorize';
import type { Ctx } from '../../platform/context';
import { fieldError, Unprocessable } from '../../platform/errors';
import { loadObject } from '../records/meta/loadObject';
import { fetchRecords } from '../records/read/fetchRecords';
import { presentRecords } from '../records/read/presentRecord';
import { duplicateRules } from './duplicateRules';

const encode = (rule: number, key: string) => Buffer.from(JSON.stringify([rule, key])).toString('base64url');
function decode(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && Number.isInteger(v[0]) && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw fieldError('after', 'Not a cursor from a previous page');
}

export async function findDuplicates(ctx: Ctx, object: string, opts: { limit: number; after?: string }) {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  const rules = duplicateRules[meta.name];
  if (!rules) throw new Unprocessable(`Duplicate detection covers ${Object.keys(duplicateRules).join(', ')}`);
  let [ruleIndex, key] = opts.after ? decode(opts.after) : [0, null as string | null];
  const groups: { rule: string; key: string; ids: string[] }[] = [];
  const seen = new Set<string>();
  let next: string | null = null;
  while (ruleIndex < rules.length && groups.length < opts.limit) {
    const want = opts.limit - groups.length;
    const found = await rules[ruleIndex]!.find(ctx, key, want);
    for (const g of found) {
      const sig = [...g.ids].sort().join(',');
      if (!seen.has(sig)) {
        seen.add(sig);
        groups.push(g);
      }
    }
    if (found.length >= want) {
      next = encode(ruleIndex, found[found.length - 1]!.key);
      break;
    }
    ruleIndex++;
    key = null;
  }
  const ids = [...new Set(groups.flatMap((g) => g.ids))];
  const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, ids, { actor: ctx.actor });
  const presented = new Map((await presentRecords(ctx, meta, records)).map((r) => [r.id, r]));
  return {
    data: groups
      .map((g) => ({
        rule: g.rule,
        key: g.key,
        records: g.ids.map((id) => presented.get(id)).filter(Boolean),
      }))
      .filter((g) => g.records.length > 1),
    nextCursor: next,
  };
}
