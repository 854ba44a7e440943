// The pipeline summary (modules/reports) groups a pipeline's live deals by stage and currency and
// sums their amounts. deals_pipeline_idx finds the rows but every one of them is then read from
// the table (half a million heap visits at the benchmark's 1M contacts); this index carries the
// currency, the amount and the ownership columns the access scope filters on, so the summary is
// an index-only scan for every role. Measured in BENCHMARKS.md ("pipeline summary").
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX deals_pipeline_summary_idx ON deals (workspace_id, pipeline_id, stage_id, currency)
    INCLUDE (amount, owner_id, team_id, unit_id) WHERE deleted_at IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
