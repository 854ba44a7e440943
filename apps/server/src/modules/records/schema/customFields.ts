// Admins add, edit and retire custom fields. A field's name and type never change (existing
// values would silently be reinterpreted); retiring keeps the values, drops the field's indexes
// and hides it, and `retired: false` brings it back.
import type { CreateFieldInput, UpdateFieldInput } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { requireCapability } from '../../../platform/access/authorize';
import type { Ctx } from '../../../platform/context';
import { Conflict, fieldError, NotFound, Unprocessable, ValidationError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { clock } from '../../../platform/clock';
import { type FieldDefinitionRow, loadObject } from '../meta/loadObject';
import { presentField } from '../meta/presentMeta';
import { reservedFieldNames, reservedObjectNames, standardObjects } from '../meta/standardObjects';
import type { Labels, LoadedObject } from '../meta/types';
import { withTx } from '../write/withTx';
import { createPlainIndex, createUniqueIndex, dropIndex, indexName } from './fieldIndexes';

const UNIQUE_TYPES = new Set(['text', 'email', 'phone', 'url', 'number', 'date', 'dateTime', 'relation']);
const MAX_CUSTOM_FIELDS = 500;

const labels = (l: { en: string; 'zh-CN'?: string }): Labels => ({ en: l.en, 'zh-CN': l['zh-CN'] ?? l.en });

function checkOptions(type: string, options: CreateFieldInput['options']) {
  if (type !== 'select' && type !== 'multiSelect') {
    if (options?.length) throw fieldError('options', 'Only select and multiSelect fields have options');
    return null;
  }
  if (!options?.length) throw fieldError('options', 'A select field needs at least one option');
  const values = options.map((o) => o.value);
  const dup = values.find((v, i) => values.indexOf(v) !== i);
  if (dup) throw fieldError('options', `The option value "${dup}" appears twice`);
  return options.map((o) => ({
    value: o.value,
    label: labels(o.label),
    ...(o.color ? { color: o.color } : {}),
  }));
}

async function fieldRow(ctx: Ctx, object: string, name: string): Promise<FieldDefinitionRow | undefined> {
  const res = await sql<FieldDefinitionRow>`SELECT * FROM field_definitions
    WHERE workspace_id = ${ctx.workspaceId} AND object = ${object} AND name = ${name} FOR UPDATE`.execute(
    ctx.db,
  );
  return res.rows[0];
}

/** Builds the indexes a field's flags ask for; duplicates already in the data make unique a 409. */
async function ensureIndexes(
  ctx: Ctx,
  meta: LoadedObject,
  name: string,
  type: string,
  unique: boolean,
  indexed: boolean,
) {
  let uniqueName: string | null = null;
  if (unique) {
    await sql`SAVEPOINT rapport_index`.execute(ctx.db);
    try {
      uniqueName = await createUniqueIndex(ctx.db, meta, ctx.workspaceId, name, type);
      await sql`RELEASE SAVEPOINT rapport_index`.execute(ctx.db);
    } catch (err) {
      await sql`ROLLBACK TO SAVEPOINT rapport_index`.execute(ctx.db);
      if ((err as { code?: string }).code === '23505')
        throw new Conflict('Existing records already share values of this field; make them unique first', [
          { field: 'unique', message: 'Existing records have duplicate values' },
        ]);
      throw err;
    }
  } else await dropIndex(ctx.db, indexName('u', ctx.workspaceId, meta.name, name));
  // A unique field is also looked up and sorted by, so it gets the plain index too.
  if (indexed || unique) await createPlainIndex(ctx.db, meta, ctx.workspaceId, name, type);
  else await dropIndex(ctx.db, indexName('i', ctx.workspaceId, meta.name, name));
  return uniqueName;
}

export async function createField(ctx: Ctx, object: string, input: CreateFieldInput) {
  requireCapability(ctx.actor, 'manageSchema');
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    if (
      reservedFieldNames.has(input.name) ||
      meta.byName.has(input.name) ||
      standardObjects.get(object)?.fields.some((f) => f.name === input.name)
    )
      throw new Conflict(`The object already has a field named ${input.name}`, [
        { field: 'name', message: 'This name is taken' },
      ]);
    const existing = await fieldRow(tx, meta.name, input.name);
    if (existing)
      throw new Conflict(
        `A retired field is named ${input.name}; bring it back with PATCH {"retired": false}`,
        [{ field: 'name', message: 'A retired field has this name' }],
      );
    const options = checkOptions(input.type, input.options);
    let relationObject: string | null = null;
    if (input.type === 'relation') {
      if (!input.relation)
        throw fieldError(
          'relation',
          'A relation field names the object it points at: {"object": "companies"}',
        );
      relationObject = input.relation.object;
      if (relationObject !== 'users') {
        if (reservedObjectNames.has(relationObject) && !standardObjects.has(relationObject))
          throw fieldError(
            'relation.object',
            `Relations may point at records or users, not ${relationObject}`,
          );
        await loadObject(tx, relationObject).catch(() => {
          throw fieldError('relation.object', `There is no object "${relationObject}"`);
        });
      }
    } else if (input.relation) throw fieldError('relation', 'Only relation fields point at another object');
    if (input.unique && !UNIQUE_TYPES.has(input.type))
      throw fieldError('unique', `${input.type} fields cannot be unique`);
    if (input.indexed && input.type === 'longText')
      throw fieldError('indexed', 'Long text fields cannot be indexed; use searchable');
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM field_definitions
      WHERE workspace_id = ${tx.workspaceId} AND object = ${meta.name}`.execute(tx.db);
    if ((count.rows[0]?.n ?? 0) >= MAX_CUSTOM_FIELDS)
      throw new Unprocessable(`An object has at most ${MAX_CUSTOM_FIELDS} custom fields`);
    const uniqueName = await ensureIndexes(
      tx,
      meta,
      input.name,
      input.type,
      Boolean(input.unique),
      Boolean(input.indexed),
    );
    const position = meta.fields.filter((f) => f.custom).length;
    await sql`INSERT INTO field_definitions (workspace_id, id, object, name, type, labels, options, required, is_unique,
        indexed, searchable, relation_object, description, position, index_name)
      VALUES (${tx.workspaceId}, ${newId()}, ${meta.name}, ${input.name}, ${input.type}, ${JSON.stringify(labels(input.label))}::jsonb,
        ${options ? JSON.stringify(options) : null}::jsonb, ${Boolean(input.required)}, ${Boolean(input.unique)},
        ${Boolean(input.indexed)}, ${Boolean(input.searchable)}, ${relationObject},
        ${input.description ? JSON.stringify(labels(input.description)) : null}::jsonb, ${position}, ${uniqueName})`.execute(
      tx.db,
    );
    const fresh = await loadObject(tx, meta.name);
    return presentField(tx.actor, meta.name, fresh.byName.get(input.name)!);
  });
}

export async function updateField(ctx: Ctx, object: string, name: string, input: UpdateFieldInput) {
  requireCapability(ctx.actor, 'manageSchema');
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    const row = await fieldRow(tx, meta.name, name);
    if (!row) {
      if (meta.byName.has(name))
        throw new Unprocessable('Standard fields cannot be changed; add a custom field instead');
      throw new NotFound(`There is no custom field ${name} on ${object}`);
    }
    if (row.retired_at && input.retired !== false)
      throw new Unprocessable('This field is retired; send {"retired": false} to bring it back first');
    const errors = [];
    if (input.options !== undefined) checkOptions(row.type, input.options);
    if (input.unique && !UNIQUE_TYPES.has(row.type))
      errors.push({ field: 'unique', message: `${row.type} fields cannot be unique` });
    if (input.indexed && row.type === 'longText')
      errors.push({ field: 'indexed', message: 'Long text fields cannot be indexed' });
    if (errors.length) throw new ValidationError(errors);
    const unique = input.unique ?? row.is_unique;
    const indexed = input.indexed ?? row.indexed;
    const uniqueName = await ensureIndexes(tx, meta, name, row.type, unique, indexed);
    const options = input.options !== undefined ? checkOptions(row.type, input.options) : row.options;
    await sql`UPDATE field_definitions SET
        labels = ${JSON.stringify(input.label ? labels(input.label) : row.labels)}::jsonb,
        description = ${input.description === undefined ? (row.description ? JSON.stringify(row.description) : null) : input.description ? JSON.stringify(labels(input.description)) : null}::jsonb,
        options = ${options ? JSON.stringify(options) : null}::jsonb,
        required = ${input.required ?? row.required}, is_unique = ${unique}, indexed = ${indexed},
        searchable = ${input.searchable ?? row.searchable}, position = ${input.position ?? row.position},
        index_name = ${uniqueName}, retired_at = NULL, updated_at = ${clock.now()}
      WHERE workspace_id = ${tx.workspaceId} AND id = ${row.id}`.execute(tx.db);
    const fresh = await loadObject(tx, meta.name);
    return presentField(tx.actor, meta.name, fresh.byName.get(name)!);
  });
}

/** Retires a custom field: values stay in the records (an undo away), indexes go. */
export async function retireField(ctx: Ctx, object: string, name: string): Promise<void> {
  requireCapability(ctx.actor, 'manageSchema');
  await withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    const row = await fieldRow(tx, meta.name, name);
    if (!row || row.retired_at) {
      if (meta.byName.has(name) && !row) throw new Unprocessable('Standard fields cannot be deleted');
      throw new NotFound(`There is no custom field ${name} on ${object}`);
    }
    await dropIndex(tx.db, indexName('u', tx.workspaceId, meta.name, name));
    await dropIndex(tx.db, indexName('i', tx.workspaceId, meta.name, name));
    await sql`UPDATE field_definitions SET retired_at = ${clock.now()}, updated_at = ${clock.now()}, index_name = NULL
      WHERE workspace_id = ${tx.workspaceId} AND id = ${row.id}`.execute(tx.db);
  });
}
