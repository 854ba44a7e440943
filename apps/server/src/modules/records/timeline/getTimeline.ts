// A record's timeline, newest first: every registered source asked for one page after the
// cursor, merged by (at, id), cut to the page, then the names of the records and stages the
// items mention resolved in one query per object. Cost per page: one query per source plus
// the name lookups, whatever the length of the history.
import { authorize } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { fieldError, NotFound } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { loadObject } from '../meta/loadObject';
import { decodeCursor, encodeCursor } from '../query/cursor';
import { fetchRecords } from '../read/fetchRecords';
import { resolveNames } from '../read/relatedNames';
import { activitySource } from './activitySource';
import { historySource } from './historySource';
import { registerTimelineSource, type TimelineItem, timelineSources } from './sources';
import { addId } from '../meta/idSets';

registerTimelineSource('activities', activitySource);
registerTimelineSource('history', historySource);

const FINGERPRINT = 'timeline';

export interface TimelineQuery {
  limit?: number;
  after?: string;
  kinds?: string[];
}

export function parseTimelineQuery(q: { limit?: string; after?: string; kinds?: string }): TimelineQuery {
  const limit = q.limit ? Number(q.limit) : undefined;
  if (limit !== undefined && (limit < 1 || limit > 200))
    throw fieldError('limit', 'Use a whole number from 1 to 200');
  return {
    limit,
    after: q.after,
    kinds: q.kinds
      ? q.kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : undefined,
  };
}

const newerFirst = (a: TimelineItem, b: TimelineItem) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

export async function getTimeline(
  ctx: Ctx,
  object: string,
  id: string,
  query: TimelineQuery = {},
): Promise<{ data: TimelineItem[]; nextCursor: string | null }> {
  const meta = await loadObject(ctx, object);
  authorize(ctx.actor, meta.name, 'read');
  const notFound = new NotFound(`No ${meta.labels.en.toLowerCase()} with id ${id}`);
  if (!isUuid(id)) throw notFound;
  const recordId = id.toLowerCase();
  const { records } = await fetchRecords(ctx.db, ctx.workspaceId, meta, [recordId], { actor: ctx.actor });
  if (!records[0]) throw notFound;

  const limit = query.limit ?? 50;
  const known = new Set(timelineSources().flatMap((s) => s.kinds));
  const kinds = query.kinds ?? [...known];
  for (const k of kinds)
    if (!known.has(k)) throw fieldError('kinds', `Unknown kind ${k}; use ${[...known].join(', ')}`);
  let before = null;
  if (query.after) {
    const c = decodeCursor(query.after, FINGERPRINT, 1);
    if (typeof c.values[0] !== 'string' || Number.isNaN(Date.parse(c.values[0])))
      throw fieldError('after', 'The cursor is not valid');
    before = { at: c.values[0], id: c.id };
  }
  const target = { object: meta.name, id: recordId, meta, includeRelated: meta.name === 'companies' };
  const merged: TimelineItem[] = [];
  for (const source of timelineSources()) {
    const wanted = source.kinds.filter((k) => kinds.includes(k));
    if (!wanted.length) continue;
    merged.push(...(await source.fetch(ctx, target, { before, limit: limit + 1, kinds: wanted })));
  }
  merged.sort(newerFirst);
  const data = merged.slice(0, limit);
  const last = data[data.length - 1];
  const nextCursor = merged.length > limit && last ? encodeCursor(FINGERPRINT, [last.at], last.id) : null;
  await nameItems(ctx, data, meta.name, recordId);
  return { data, nextCursor };
}

/** Adds `recordName` to items about other records, and stage names to stage moves. */
async function nameItems(ctx: Ctx, items: TimelineItem[], object: string, id: string): Promise<void> {
  const wanted = new Map<string, Set<string>>();
  const want = (o: string, i: unknown) => {
    if (typeof i !== 'string') return;
    addId(wanted, o, i);
  };
  for (const it of items) {
    if (it.kind !== 'activity' && !(it.object === object && it.recordId === id)) want(it.object, it.recordId);
    const via = it.via as { object: string; id: string } | null | undefined;
    if (via) want(via.object, via.id);
    if (it.kind === 'stage') {
      want('pipelineStages', it.fromStageId);
      want('pipelineStages', it.toStageId);
    }
  }
  if (!wanted.size) return;
  const names = await resolveNames(ctx, wanted);
  for (const it of items) {
    const n = names.get(it.object)?.get(it.recordId);
    if (n) it.recordName = n.name;
    const via = it.via as { object: string; id: string; name?: string } | null | undefined;
    if (via) {
      const vn = names.get(via.object)?.get(via.id);
      // A record the caller may not see is not named, and its id is not shown either.
      it.via = vn ? { ...via, name: vn.name } : null;
    }
    if (it.kind === 'stage') {
      it.fromStage = names.get('pipelineStages')?.get(it.fromStageId as string) ?? null;
      it.toStage = names.get('pipelineStages')?.get(it.toStageId as string) ?? null;
    }
  }
}
