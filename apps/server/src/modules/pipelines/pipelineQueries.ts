// Reads of pipelines and stages the deal engine needs: the workspace's default pipeline (created
// on first use if the workspace was made without the seeders, e.g. by the CLI), a pipeline's
// first open stage, and one stage with its pipeline.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { seedDefaultPipeline } from './defaultPipeline';

export interface StageRow {
  id: string;
  pipeline_id: string;
  name: string;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  position: number;
  archived_at: Date | null;
}

export async function defaultPipelineId(db: Executor, workspaceId: string): Promise<string> {
  const find = async () =>
    (
      await sql<{
        id: string;
      }>`SELECT id FROM pipelines WHERE workspace_id = ${workspaceId} AND archived_at IS NULL
        ORDER BY is_default DESC, position, created_at LIMIT 1`.execute(db)
    ).rows[0]?.id;
  const found = await find();
  if (found) return found;
  const ws = await sql<{ locale: string }>`SELECT locale FROM workspaces WHERE id = ${workspaceId}`.execute(
    db,
  );
  return seedDefaultPipeline(db, workspaceId, ws.rows[0]?.locale ?? 'en');
}

export async function firstOpenStage(
  db: Executor,
  workspaceId: string,
  pipelineId: string,
): Promise<StageRow | undefined> {
  const res = await sql<StageRow>`SELECT id, pipeline_id, name, probability, kind, position, archived_at
    FROM pipeline_stages WHERE workspace_id = ${workspaceId} AND pipeline_id = ${pipelineId} AND archived_at IS NULL
    ORDER BY (kind <> 'open'), position LIMIT 1`.execute(db);
  return res.rows[0];
}

export async function stageById(
  db: Executor,
  workspaceId: string,
  stageId: string,
): Promise<StageRow | undefined> {
  const res = await sql<StageRow>`SELECT id, pipeline_id, name, probability, kind, position, archived_at
    FROM pipeline_stages WHERE workspace_id = ${workspaceId} AND id = ${stageId}`.execute(db);
  return res.rows[0];
}
