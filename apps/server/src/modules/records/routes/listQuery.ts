// The query string of GET /objects/{object}: limit, after, sort ("-updatedAt,name"), q, total, and any
// other key as a filter — `field=value` (eq), `field[op]=value`, with `in`/`nin`/`between`
// values comma-separated. Structured filters go through POST …/search instead.
import type { RecordFilter, RecordSort } from '@rapport/contracts/records';
import { MAX_PAGE_SIZE } from '@rapport/contracts/records';
import { filterOpList } from '@rapport/contracts/records';
import { fieldError } from '../../../platform/errors';
import type { ListRequest } from '../query/compileList';

const KEY_RE = /^([A-Za-z][\w.]{0,200})(?:\[([a-zA-Z]+)\])?$/;
const LIST_OPS = new Set(['in', 'nin', 'between']);

const one = (name: string, v: unknown): string => {
  if (Array.isArray(v)) {
    if (v.length !== 1) throw fieldError(name, 'Give this parameter once');
    return String(v[0]);
  }
  return String(v);
};

export function parseListQuery(query: Record<string, unknown>): ListRequest {
  const req: ListRequest = { filters: [], sort: [] };
  for (const [key, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    if (key === 'limit') {
      const s = one(key, raw);
      const n = Number(s);
      if (!/^\d+$/.test(s) || n < 1 || n > MAX_PAGE_SIZE)
        throw fieldError('limit', `Use a whole number from 1 to ${MAX_PAGE_SIZE}`);
      req.limit = n;
    } else if (key === 'total') {
      const v = one(key, raw);
      if (v !== 'exact' && v !== 'estimate') throw fieldError('total', 'Use total=exact or total=estimate');
      req.total = v;
    } else if (key === 'after') {
      req.after = one(key, raw) || null;
    } else if (key === 'q') {
      req.q = one(key, raw);
      if (req.q.length > 500) throw fieldError('q', 'At most 500 characters');
    } else if (key === 'sort') {
      const parts = one(key, raw)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (parts.length > 5) throw fieldError('sort', 'Sort by at most 5 fields');
      req.sort = parts.map(
        (p): RecordSort =>
          p.startsWith('-')
            ? { field: p.slice(1), direction: 'desc' }
            : { field: p.replace(/^\+/, ''), direction: 'asc' },
      );
    } else {
      const m = KEY_RE.exec(key);
      if (!m) throw fieldError(key, 'Unknown parameter');
      const field = m[1]!;
      const op = (m[2] ?? 'eq') as RecordFilter extends infer F
        ? F extends { op: infer O }
          ? O
          : never
        : never;
      if (!(filterOpList as readonly string[]).includes(op))
        throw fieldError(key, `Unknown operator ${m[2]}`);
      const value = one(key, raw);
      const parsed =
        op === 'isEmpty' || op === 'isNotEmpty'
          ? undefined
          : LIST_OPS.has(op)
            ? value.split(',').map((s) => s.trim())
            : value === 'true'
              ? true
              : value === 'false'
                ? false
                : value;
      req.filters!.push({ field, op, value: parsed });
      if (req.filters!.length > 50) throw fieldError(key, 'At most 50 filters');
    }
  }
  return req;
}

/** If-Match: `"3"`, `W/"3"` or `*`; anything else is a 400 naming the header. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const h = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (h === '*' || h === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(h);
  if (!m) throw fieldError('If-Match', 'Send the ETag of the record, such as "3"');
  return Number(m[1]);
}
