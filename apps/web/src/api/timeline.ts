// A record's timeline: activities, emails, field changes, approvals and stage moves, newest first,
// keyset-paged by the server. `types` narrows it to some kinds.
import type { Page, TimelineItem } from '@rapport/contracts/apiTypes';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, qs } from './client';

export const timelineKinds = ['activity', 'email', 'change', 'stage', 'approval'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export function useTimeline(object: string, id: string, types: TimelineKind[]) {
  return useInfiniteQuery({
    queryKey: ['timeline', object, id, types],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TimelineItem>>(
        `/api/v1/objects/${encodeURIComponent(object)}/${encodeURIComponent(id)}/timeline${qs({
          limit: 25,
          after: pageParam,
          kinds: types.length ? types.join(',') : undefined,
        })}`,
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
