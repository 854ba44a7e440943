// The timeline is a merge of sources, each one indexed query per page: activities, history
// (field changes and stage moves) here; emails and approvals register theirs from their own
// domains with registerTimelineSource().
import type { Ctx } from '../../../platform/context';
import type { LoadedObject } from '../meta/types';

export interface TimelineCursor {
  at: string;
  id: string;
}

export interface TimelineTarget {
  object: string;
  id: string;
  meta: LoadedObject;
  /** A company's timeline also shows what happened on its contacts and deals. */
  includeRelated: boolean;
}

export interface TimelineItem {
  id: string;
  kind: string;
  at: string;
  actor: { id: string; name: string } | null;
  object: string;
  recordId: string;
  [detail: string]: unknown;
}

export interface TimelineSource {
  /** The kinds this source produces (for the `kinds` filter). */
  kinds: string[];
  /**
   * At most `limit` items strictly before `before` in (at desc, id desc) order, scoped to what
   * ctx.actor may read. `kinds` is the subset of this source's kinds the caller asked for.
   */
  fetch(
    ctx: Ctx,
    target: TimelineTarget,
    page: { before: TimelineCursor | null; limit: number; kinds: string[] },
  ): Promise<TimelineItem[]>;
}

const sources: { name: string; source: TimelineSource }[] = [];

/** Registers a source once by name (re-registering the same name replaces it). */
export function registerTimelineSource(name: string, source: TimelineSource): void {
  const i = sources.findIndex((s) => s.name === name);
  if (i >= 0) sources[i] = { name, source };
  else sources.push({ name, source });
}

export function timelineSources(): TimelineSource[] {
  return sources.map((s) => s.source);
}
