// Admins create custom objects (reached at /api/v1/objects/{name} like any other), relabel and
// retire them. A retired object's records stay in the table but are no longer served.
import type { CreateObjectInput } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { requireCapability } from '../../../platform/access/authorize';
import { clock } from '../../../platform/clock';
import type { Ctx } from '../../../platform/context';
import { Conflict, NotFound, Unprocessable } from '../../../platform/errors';
import { loadObject } from '../meta/loadObject';
import { presentObject } from '../meta/presentMeta';
import { reservedObjectNames, standardObjects } from '../meta/standardObjects';
import type { Labels } from '../meta/types';
import { withTx } from '../write/withTx';

const labels = (l: { en: string; 'zh-CN'?: string }): Labels => ({ en: l.en, 'zh-CN': l['zh-CN'] ?? l.en });
const MAX_OBJECTS = 200;

export async function createObject(ctx: Ctx, input: CreateObjectInput) {
  requireCapability(ctx.actor, 'manageSchema');
  return withTx(ctx, async (tx) => {
    if (reservedObjectNames.has(input.name))
      throw new Conflict(`"${input.name}" is a built-in name`, [
        { field: 'name', message: 'This name is taken' },
      ]);
    const count = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM object_definitions WHERE workspace_id = ${tx.workspaceId}`.execute(
      tx.db,
    );
    if ((count.rows[0]?.n ?? 0) >= MAX_OBJECTS)
      throw new Unprocessable(`A workspace has at most ${MAX_OBJECTS} custom objects`);
    const res = await sql<{
      name: string;
    }>`INSERT INTO object_definitions (workspace_id, name, labels, plural_labels, description)
      VALUES (${tx.workspaceId}, ${input.name}, ${JSON.stringify(labels(input.label))}::jsonb, ${JSON.stringify(labels(input.pluralLabel))}::jsonb,
        ${input.description ? JSON.stringify(labels(input.description)) : null}::jsonb)
      ON CONFLICT DO NOTHING RETURNING name`.execute(tx.db);
    if (!res.rows[0])
      throw new Conflict(`There already is an object named ${input.name} (perhaps retired)`, [
        { field: 'name', message: 'This name is taken' },
      ]);
    return presentObject(tx.actor, await loadObject(tx, input.name));
  });
}

export async function updateObject(
  ctx: Ctx,
  object: string,
  input: {
    label?: { en: string; 'zh-CN'?: string };
    pluralLabel?: { en: string; 'zh-CN'?: string };
    description?: { en: string; 'zh-CN'?: string } | null;
  },
) {
  requireCapability(ctx.actor, 'manageSchema');
  if (standardObjects.has(object))
    throw new Unprocessable('Standard objects cannot be relabelled; their labels ship in both languages');
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    await sql`UPDATE object_definitions SET
        labels = ${JSON.stringify(input.label ? labels(input.label) : meta.labels)}::jsonb,
        plural_labels = ${JSON.stringify(input.pluralLabel ? labels(input.pluralLabel) : meta.pluralLabels)}::jsonb,
        description = ${input.description === undefined ? (meta.description ? JSON.stringify(meta.description) : null) : input.description ? JSON.stringify(labels(input.description)) : null}::jsonb,
        updated_at = ${clock.now()}
      WHERE workspace_id = ${tx.workspaceId} AND name = ${meta.name}`.execute(tx.db);
    return presentObject(tx.actor, await loadObject(tx, meta.name));
  });
}

export async function retireObject(ctx: Ctx, object: string): Promise<void> {
  requireCapability(ctx.actor, 'manageSchema');
  if (standardObjects.has(object)) throw new Unprocessable('Standard objects cannot be deleted');
  const res = await sql<{ name: string }>`UPDATE object_definitions SET retired_at = ${clock.now()}
    WHERE workspace_id = ${ctx.workspaceId} AND name = ${object} AND retired_at IS NULL RETURNING name`.execute(
    ctx.db,
  );
  if (!res.rows[0]) throw new NotFound(`There is no object "${object}"`);
}
