// Companies: a parent company may not be the company itself or one of its subsidiaries (a cycle
// would make "the group's companies" endless).
import { sql } from 'kysely';
import type { ObjectHooks } from '../records/meta/types';

export const companyHooks: ObjectHooks = {
  async prepare(ctx, w) {
    const parent = w.next.parentCompanyId;
    if (!w.given.has('parentCompanyId') || typeof parent !== 'string') return;
    if (parent === w.id) {
      w.errors.push({ field: 'parentCompanyId', message: 'A company cannot be its own parent' });
      return;
    }
    if (w.op === 'create') return;
    const res = await sql<{ found: boolean }>`
      WITH RECURSIVE up AS (
        SELECT id, parent_company_id, 1 AS depth FROM companies WHERE workspace_id = ${ctx.workspaceId} AND id = ${parent}
        UNION ALL
        SELECT c.id, c.parent_company_id, up.depth + 1 FROM companies c
        JOIN up ON c.workspace_id = ${ctx.workspaceId} AND c.id = up.parent_company_id
        WHERE up.depth < 100
      ) SELECT EXISTS (SELECT 1 FROM up WHERE id = ${w.id}) AS found`.execute(ctx.db);
    if (res.rows[0]?.found)
      w.errors.push({
        field: 'parentCompanyId',
        message: 'This would make the company its own parent (a cycle)',
      });
  },
};
