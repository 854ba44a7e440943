// Pipelines and their ordered stages (several per workspace: one per region or product line).
// Editing sends the whole ordered stage list: stages keep their ids, new ones are added, the ones
// left out are archived — refused while open deals still sit in them.
import type { CreatePipelineInput, UpdatePipelineInput } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { authorize } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { Conflict, fieldError, NotFound, Unprocessable } from '../../platform/errors';
import { isUuid, newId } from '../../platform/ids';
import type { Executor } from '../../platform/db/schema';
import { withTx } from '../records/write/withTx';
import { defaultPipelineId } from './pipelineQueries';

interface Labels {
  en: string;
  'zh-CN': string;
}
const labelsOf = (name: string, l?: { en: string; 'zh-CN'?: string }): Labels =>
  l ? { en: l.en, 'zh-CN': l['zh-CN'] ?? l.en } : { en: name, 'zh-CN': name };

export interface PresentedStage {
  id: string;
  name: string;
  label: Labels;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  position: number;
}
export interface PresentedPipeline {
  id: string;
  name: string;
  label: Labels;
  currency: string | null;
  isDefault: boolean;
  position: number;
  stages: PresentedStage[];
}

async function load(db: Executor, ws: string, ids: string[] | null): Promise<PresentedPipeline[]> {
  const filter = ids ? sql` AND p.id IN (${sql.join(ids)})` : sql``;
  const res = await sql<Record<string, unknown>>`
    SELECT p.id, p.name, p.labels, p.currency, p.is_default, p.position,
      coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'label', s.labels, 'probability', s.probability,
        'kind', s.kind, 'position', s.position) ORDER BY s.position)
        FROM pipeline_stages s WHERE s.workspace_id = p.workspace_id AND s.pipeline_id = p.id AND s.archived_at IS NULL), '[]') AS stages
    FROM pipelines p WHERE p.workspace_id = ${ws} AND p.archived_at IS NULL${filter}
    ORDER BY p.is_default DESC, p.position, p.created_at`.execute(db);
  return res.rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    label: labelsOf(r.name as string, r.labels as Labels),
    currency: r.currency ? String(r.currency).trim() : null,
    isDefault: Boolean(r.is_default),
    position: r.position as number,
    stages: (r.stages as PresentedStage[]).map((s) => ({ ...s, label: labelsOf(s.name, s.label) })),
  }));
}

export async function listPipelines(ctx: Ctx): Promise<PresentedPipeline[]> {
  authorize(ctx.actor, 'pipelines', 'read');
  await defaultPipelineId(ctx.db, ctx.workspaceId);
  return load(ctx.db, ctx.workspaceId, null);
}

export async function getPipeline(ctx: Ctx, id: string): Promise<PresentedPipeline> {
  authorize(ctx.actor, 'pipelines', 'read');
  const [p] = isUuid(id) ? await load(ctx.db, ctx.workspaceId, [id.toLowerCase()]) : [];
  if (!p) throw new NotFound(`No pipeline with id ${id}`);
  return p;
}

function checkStages(stages: CreatePipelineInput['stages']) {
  if (!stages.some((s) => s.kind === 'open'))
    throw fieldError('stages', 'A pipeline needs at least one open stage');
  const names = stages.map((s) => s.name.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw fieldError('stages', `Two stages are named "${dup}"`);
  const ids = stages.map((s) => s.id).filter(Boolean);
  if (new Set(ids).size !== ids.length) throw fieldError('stages', 'A stage id appears twice');
}

async function setDefault(db: Executor, ws: string, id: string) {
  await sql`UPDATE pipelines SET is_default = false WHERE workspace_id = ${ws} AND is_default AND id <> ${id}`.execute(
    db,
  );
  await sql`UPDATE pipelines SET is_default = true WHERE workspace_id = ${ws} AND id = ${id}`.execute(db);
}

function nameTaken(err: unknown): never {
  if ((err as { code?: string }).code === '23505')
    throw new Conflict('Another pipeline has this name', [{ field: 'name', message: 'Must be unique' }]);
  throw err;
}

export async function createPipeline(ctx: Ctx, input: CreatePipelineInput): Promise<PresentedPipeline> {
  authorize(ctx.actor, 'pipelines', 'create');
  checkStages(input.stages);
  if (input.stages.some((s) => s.id)) throw fieldError('stages', 'New stages have no id');
  return withTx(ctx, async (tx) => {
    const id = newId();
    const pos = await sql<{
      n: number;
    }>`SELECT coalesce(max(position) + 1, 0)::int AS n FROM pipelines WHERE workspace_id = ${tx.workspaceId}`.execute(
      tx.db,
    );
    await sql`SAVEPOINT rapport_pipeline`.execute(tx.db);
    try {
      await sql`INSERT INTO pipelines (workspace_id, id, name, labels, currency, position)
        VALUES (${tx.workspaceId}, ${id}, ${input.name}, ${JSON.stringify(labelsOf(input.name, input.label))}::jsonb,
          ${input.currency ?? null}, ${pos.rows[0]!.n})`.execute(tx.db);
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT rapport_pipeline`.execute(tx.db);
      nameTaken(err);
    }
    await insertStages(
      tx.db,
      tx.workspaceId,
      id,
      input.stages.map((s, i) => ({ ...s, position: i })),
    );
    const hasDefault = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pipelines WHERE workspace_id = ${tx.workspaceId} AND is_default`.execute(
      tx.db,
    );
    if (input.isDefault || !hasDefault.rows[0]!.n) await setDefault(tx.db, tx.workspaceId, id);
    return (await load(tx.db, tx.workspaceId, [id]))[0]!;
  });
}

async function insertStages(
  db: Executor,
  ws: string,
  pipelineId: string,
  stages: {
    name: string;
    label?: { en: string; 'zh-CN'?: string };
    probability: number;
    kind: string;
    position: number;
  }[],
) {
  if (!stages.length) return;
  await sql`INSERT INTO pipeline_stages (workspace_id, id, pipeline_id, name, labels, position, probability, kind)
    VALUES ${sql.join(
      stages.map(
        (s) =>
          sql`(${ws}, ${newId()}, ${pipelineId}, ${s.name}, ${JSON.stringify(labelsOf(s.name, s.label))}::jsonb, ${s.position}, ${s.probability}, ${s.kind})`,
      ),
    )}`.execute(db);
}

export async function updatePipeline(
  ctx: Ctx,
  id: string,
  input: UpdatePipelineInput,
): Promise<PresentedPipeline> {
  authorize(ctx.actor, 'pipelines', 'update');
  return withTx(ctx, async (tx) => {
    const current = await getPipeline(tx, id);
    const ws = tx.workspaceId;
    if (input.name !== undefined || input.label !== undefined || input.currency !== undefined) {
      const name = input.name ?? current.name;
      await sql`SAVEPOINT rapport_pipeline`.execute(tx.db);
      try {
        await sql`UPDATE pipelines SET name = ${name}, labels = ${JSON.stringify(input.label ? labelsOf(name, input.label) : input.name ? labelsOf(name) : current.label)}::jsonb,
            currency = ${input.currency === undefined ? current.currency : input.currency}, updated_at = ${clock.now()}
          WHERE workspace_id = ${ws} AND id = ${current.id}`.execute(tx.db);
      } catch (err) {
        await sql`ROLLBACK TO SAVEPOINT rapport_pipeline`.execute(tx.db);
        nameTaken(err);
      }
    }
    if (input.isDefault === true) await setDefault(tx.db, ws, current.id);
    if (input.isDefault === false && current.isDefault)
      throw fieldError('isDefault', 'Make another pipeline the default instead');
    if (input.stages) {
      checkStages(input.stages);
      const known = new Set(current.stages.map((s) => s.id));
      for (const s of input.stages)
        if (s.id && !known.has(s.id)) throw fieldError('stages', `Stage ${s.id} is not in this pipeline`);
      const keep = new Set(input.stages.map((s) => s.id).filter(Boolean));
      const removed = current.stages.filter((s) => !keep.has(s.id)).map((s) => s.id);
      if (removed.length) {
        const busy = await sql<{ stage_id: string; n: number }>`SELECT stage_id, count(*)::int AS n FROM deals
          WHERE workspace_id = ${ws} AND stage_id IN (${sql.join(removed)}) AND deleted_at IS NULL GROUP BY stage_id`.execute(
          tx.db,
        );
        if (busy.rows.length) {
          const s = current.stages.find((x) => x.id === busy.rows[0]!.stage_id)!;
          throw new Unprocessable(
            `Move the ${busy.rows[0]!.n} deal(s) out of the stage "${s.name}" before removing it`,
          );
        }
        await sql`UPDATE pipeline_stages SET archived_at = ${clock.now()} WHERE workspace_id = ${ws} AND id IN (${sql.join(removed)})`.execute(
          tx.db,
        );
      }
      for (const [i, s] of input.stages.entries()) {
        if (!s.id) continue;
        await sql`UPDATE pipeline_stages SET name = ${s.name}, labels = ${JSON.stringify(labelsOf(s.name, s.label))}::jsonb,
            probability = ${s.probability}, kind = ${s.kind}, position = ${i}
          WHERE workspace_id = ${ws} AND id = ${s.id}`.execute(tx.db);
      }
      await insertStages(
        tx.db,
        ws,
        current.id,
        input.stages.flatMap((s, i) => (s.id ? [] : [{ ...s, position: i }])),
      );
    }
    return (await load(tx.db, ws, [current.id]))[0]!;
  });
}

export async function archivePipeline(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'pipelines', 'delete');
  await withTx(ctx, async (tx) => {
    const p = await getPipeline(tx, id);
    if (p.isDefault) throw new Unprocessable('Make another pipeline the default before removing this one');
    const busy = await sql<{ n: number }>`SELECT count(*)::int AS n FROM deals
      WHERE workspace_id = ${tx.workspaceId} AND pipeline_id = ${p.id} AND deleted_at IS NULL`.execute(tx.db);
    if (busy.rows[0]!.n)
      throw new Unprocessable(`Move the ${busy.rows[0]!.n} deal(s) of this pipeline elsewhere first`);
    await sql`UPDATE pipelines SET archived_at = ${clock.now()}, is_default = false WHERE workspace_id = ${tx.workspaceId} AND id = ${p.id}`.execute(
      tx.db,
    );
  });
}
