// The workflow action requestApproval {processId}: submits the run's record (acting for the
// workflow's owner); a record already pending stays as it is.
import { z } from 'zod';
import { Conflict } from '../../platform/errors';
import { registerAction } from '../workflows/actionRegistry';
import { submitForApproval } from './requests';
import './schema';

const schema = z.object({ type: z.literal('requestApproval'), processId: z.string().uuid() }).strict();

registerAction<z.infer<typeof schema>>({
  type: 'requestApproval',
  schema,
  needsRecord: true,
  async check(ctx, cfg, meta, path) {
    const p = await ctx.db
      .selectFrom('approval_processes')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', cfg.processId)
      .where('archived_at', 'is', null)
      .select('object')
      .executeTakeFirst();
    if (!p) return [{ field: `${path}.processId`, message: 'No such approval process' }];
    if (meta && p.object !== meta.name)
      return [{ field: `${path}.processId`, message: `That process is for ${p.object}` }];
    return [];
  },
  async run(a, cfg) {
    try {
      const r = await submitForApproval(a.sys, a.deps.mail, a.object!, a.recordId!, {
        processId: cfg.processId,
      });
      return { requestId: r.id };
    } catch (err) {
      if (err instanceof Conflict) return { alreadyPending: true };
      throw err;
    }
  },
});
