// Activities: sensible times for quick logging (a note or a call logged without times happened
// now; a task stays open), the `occurredAt` the timeline sorts by, then links and rollups.
import { clock } from '../../platform/clock';
import type { ObjectHooks } from '../records/meta/types';
import { linkTargetsOf, rebuildActivityLinks } from './activityLinks';
import { refreshActivityRollups } from './activityRollups';

export const activityHooks: ObjectHooks = {
  async prepare(_ctx, w) {
    const n = w.next;
    const now = clock.now().toISOString();
    if (w.op === 'create' && !w.given.has('doneAt')) {
      const logged =
        n.type === 'note' || n.type === 'email' || ((n.type === 'call' || n.type === 'meeting') && !n.dueAt);
      if (logged) n.doneAt = now;
    }
    n.occurredAt = n.doneAt ?? n.dueAt ?? (w.old?.createdAt as string | undefined) ?? now;
    if (n.type === 'task' && !n.subject)
      w.errors.push({ field: 'subject', message: 'A task needs a subject' });
  },
  async afterWrite(ctx, r) {
    // The direct links were already replaced; the old ones come from the old record, the old
    // derived ones are still in the table until the rebuild below.
    const oldDirect = (r.old?.relatedTo as { object: string; id: string }[] | undefined) ?? [];
    const before =
      r.op === 'create' ? [] : [...oldDirect, ...(await linkTargetsOf(ctx.db, ctx.workspaceId, r.id))];
    if (r.op === 'create' || r.changed.includes('relatedTo') || r.changed.includes('occurredAt'))
      await rebuildActivityLinks(ctx.db, ctx.workspaceId, [r.id]);
    const after =
      r.op === 'create' || r.changed.length ? await linkTargetsOf(ctx.db, ctx.workspaceId, r.id) : before;
    const rollupFields = ['relatedTo', 'doneAt', 'dueAt', 'type', 'occurredAt'];
    if (r.op === 'update' && !r.changed.some((c) => rollupFields.includes(c))) return;
    await refreshActivityRollups(ctx.db, ctx.workspaceId, [...before, ...after]);
  },
};
