// Records looked up by the key their match field would compare equal on, so matching a batch of
// rows against candidates (or against the records the batch itself wrote) is a hash lookup per row
// rather than a scan of every candidate. A lookup returns a superset; recordMatches confirms. The
// in-memory half of matching lives here; matchRecords.ts asks the database.
import type { ApiRecord, FieldDef } from '../records/meta/types';
import { sameValue } from './sameValue';

/** Match alternatives, each one or more fields that must all be equal (matchRecords.ts builds them). */
export type MatchPlan = FieldDef[][];

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/** The alternative a row matches by: the first whose fields all have values in the row. */
export function alternativeFor(plan: MatchPlan, values: Record<string, unknown>): FieldDef[] | null {
  return plan.find((alt) => alt.every((f) => present(values[f.name]))) ?? null;
}

const normText = (v: string) => v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

const norm = (v: unknown) => (typeof v === 'string' ? normText(v) : v);

/** Keys match ignoring case and spacing ("ACME  Ltd" is "Acme Ltd"); values otherwise as sameValue. */
export function recordMatches(alt: FieldDef[], values: Record<string, unknown>, rec: ApiRecord): boolean {
  return alt.every((f) =>
    f.type === 'text' || f.type === 'url'
      ? norm(values[f.name]) === norm(rec[f.name])
      : sameValue(f.type, values[f.name], rec[f.name]),
  );
}

/** Equal keys are necessary (not sufficient) for sameValue / recordMatches to call two values one. */
export function matchKey(f: FieldDef, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  switch (f.type) {
    case 'email':
      return String(v).trim().toLowerCase();
    case 'text':
    case 'url':
      return normText(String(v));
    // Phones are one number when one's digits end with the other's (7 digits or more).
    case 'phone':
      return String(v).replace(/\D/g, '').slice(-7);
    case 'number':
      return String(Number(v));
    default:
      return JSON.stringify(v);
  }
}

export class MatchIndex<R extends ApiRecord = ApiRecord> {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byId = new Map<string, R>();

  constructor(private readonly plan: MatchPlan) {}

  /** Adds or refreshes a record (its newest state wins; stale keys are filtered by the confirm). */
  add(rec: R): void {
    this.byId.set(rec.id, rec);
    for (const alt of this.plan) {
      const f = alt[0]!;
      const k = matchKey(f, rec[f.name]);
      if (k === null) continue;
      const key = `${f.name}\u0000${k}`;
      const ids = this.byKey.get(key) ?? new Set<string>();
      ids.add(rec.id);
      this.byKey.set(key, ids);
    }
  }

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The records that match the row's values on the alternative. */
  matching(alt: FieldDef[], values: Record<string, unknown>): R[] {
    const f = alt[0]!;
    const k = matchKey(f, values[f.name]);
    if (k === null) return [];
    const ids = this.byKey.get(`${f.name}\u0000${k}`);
    if (!ids) return [];
    const out: R[] = [];
    for (const id of ids) {
      const rec = this.byId.get(id)!;
      if (recordMatches(alt, values, rec)) out.push(rec);
    }
    return out;
  }
}
