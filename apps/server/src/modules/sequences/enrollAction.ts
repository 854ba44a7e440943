// The workflow action enrollInSequence {sequenceId}: enrols the run's record (once; a record already
// in the sequence stays where it is). An unsubscribed address is not enrolled; the run says so.
import { z } from 'zod';
import { registerAction } from '../workflows/actionRegistry';
import { enrollRecord } from './enroll';
import './schema';

const schema = z.object({ type: z.literal('enrollInSequence'), sequenceId: z.string().uuid() }).strict();

registerAction<z.infer<typeof schema>>({
  type: 'enrollInSequence',
  schema,
  needsRecord: true,
  async check(ctx, cfg, _meta, path) {
    const s = await ctx.db
      .selectFrom('sequences')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', cfg.sequenceId)
      .where('archived_at', 'is', null)
      .select('id')
      .executeTakeFirst();
    return s ? [] : [{ field: `${path}.sequenceId`, message: 'No such sequence' }];
  },
  async run(a, cfg) {
    const r = await enrollRecord(a.tx, {
      workspaceId: a.workspaceId,
      sequenceId: cfg.sequenceId,
      object: a.object!,
      recordId: a.recordId!,
      ownerId: typeof a.record?.ownerId === 'string' ? a.record.ownerId : a.workflow.ownerId,
      enrolledBy: a.workflow.ownerId,
      source: 'workflow',
      email: typeof a.record?.email === 'string' ? a.record.email : null,
    });
    if (r.refused)
      return { enrolled: false, reason: 'The record’s address has unsubscribed from marketing email' };
    return { enrollmentId: r.id, alreadyEnrolled: !r.created };
  },
});
