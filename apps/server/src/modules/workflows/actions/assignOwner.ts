// assignOwner {strategy: roundRobin | user, users}: round robin turns a counter kept per workflow
// action in the same transaction as the assignment, so concurrent runs never pick the same turn.
import { sql } from 'kysely';
import { z } from 'zod';
import { isUuid } from '../../../platform/ids';
import { updateRecord } from '../../records/write/updateRecord';
import { registerAction } from '../actionRegistry';
import { checkUsers } from './assignee';

const schema = z
  .object({
    type: z.literal('assignOwner'),
    strategy: z.enum(['roundRobin', 'user']),
    users: z
      .array(z.string().refine((s) => isUuid(s.replace(/^user:/, '')), 'Use a user id'))
      .min(1)
      .max(100),
  })
  .strict();

registerAction<z.infer<typeof schema>>({
  type: 'assignOwner',
  schema,
  needsRecord: true,
  async check(ctx, cfg, meta, path) {
    if (!meta) return [{ field: path, message: 'assignOwner needs a trigger with an object' }];
    if (cfg.strategy === 'user' && cfg.users.length !== 1)
      return [{ field: `${path}.users`, message: 'Name exactly one user for strategy user' }];
    return checkUsers(
      ctx,
      cfg.users.map((u) => u.replace(/^user:/, '')),
      `${path}.users`,
    );
  },
  async run(a, cfg) {
    const users = cfg.users.map((u) => u.replace(/^user:/, '').toLowerCase());
    let pick = users[0]!;
    if (cfg.strategy === 'roundRobin') {
      const r = await sql<{ counter: string }>`
        INSERT INTO workflow_counters (workspace_id, workflow_id, action_index, counter)
        VALUES (${a.workspaceId}, ${a.workflow.id}, ${a.run.index}, 1)
        ON CONFLICT (workspace_id, workflow_id, action_index)
        DO UPDATE SET counter = workflow_counters.counter + 1
        RETURNING counter::text AS counter`.execute(a.tx);
      pick = users[(Number(r.rows[0]!.counter) - 1) % users.length]!;
    }
    const rec = await updateRecord(a.sys, a.object!, a.recordId!, { ownerId: pick });
    return { ownerId: rec.ownerId };
  },
});
