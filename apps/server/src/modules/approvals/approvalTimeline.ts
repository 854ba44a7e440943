// Approvals on a record's timeline: the submission and every decision, with comments.
import { sql } from 'kysely';
import { registerTimelineSource, type TimelineItem } from '../records/timeline/sources';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

registerTimelineSource('approvals', {
  kinds: ['approval'],
  async fetch(ctx, target, page) {
    const before = page.before
      ? sql`AND (x.at, x.id) < (${page.before.at}::timestamptz, ${page.before.id}::uuid)`
      : sql``;
    const res = await sql<Record<string, unknown>>`
      SELECT x.*, u.name AS actor_name FROM (
        SELECT r.id, r.created_at AS at, 'submitted' AS action, r.submitted_by AS actor_id, r.comment, r.id AS request_id,
          NULL::int AS step, r.status, p.name AS process_name
        FROM approval_requests r JOIN approval_processes p ON p.workspace_id = r.workspace_id AND p.id = r.process_id
        WHERE r.workspace_id = ${ctx.workspaceId} AND r.object = ${target.object} AND r.record_id = ${target.id}
        UNION ALL
        SELECT d.id, d.decided_at, d.decision, d.decided_by, d.comment, r.id, d.step_index, r.status, p.name
        FROM approval_decisions d
        JOIN approval_requests r ON r.workspace_id = d.workspace_id AND r.id = d.request_id
        JOIN approval_processes p ON p.workspace_id = r.workspace_id AND p.id = r.process_id
        WHERE d.workspace_id = ${ctx.workspaceId} AND r.object = ${target.object} AND r.record_id = ${target.id}
          AND d.decided_at IS NOT NULL
      ) x LEFT JOIN users u ON u.workspace_id = ${ctx.workspaceId} AND u.id = x.actor_id
      WHERE true ${before}
      ORDER BY x.at DESC, x.id DESC
      LIMIT ${sql.lit(page.limit)}`.execute(ctx.db);
    return res.rows.map(
      (r): TimelineItem => ({
        id: r.id as string,
        kind: 'approval',
        at: iso(r.at)!,
        actor: r.actor_id ? { id: r.actor_id as string, name: r.actor_name as string } : null,
        object: target.object,
        recordId: target.id,
        approval: {
          requestId: r.request_id,
          action: r.action,
          step: r.step === null ? null : Number(r.step) + 1,
          comment: r.comment,
          process: r.process_name,
          requestStatus: r.status,
        },
      }),
    );
  },
});
