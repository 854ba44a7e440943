// updateField {field, value}: sets one field of the record, validated like any other write.
import { z } from 'zod';
import { fieldError } from '../../../platform/errors';
import { updateRecord } from '../../records/write/updateRecord';
import { validateInput } from '../../records/write/validateInput';
import { registerAction } from '../actionRegistry';
import { AppError } from '../../../platform/errors';

const schema = z
  .object({ type: z.literal('updateField'), field: z.string().min(1).max(200), value: z.unknown() })
  .strict();

const SYSTEM = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'object']);

registerAction<z.infer<typeof schema>>({
  type: 'updateField',
  schema,
  needsRecord: true,
  async check(ctx, cfg, meta, path) {
    if (!meta) return [{ field: `${path}.field`, message: 'updateField needs a trigger with an object' }];
    const f = meta.byName.get(cfg.field);
    if (!f || SYSTEM.has(cfg.field) || f.system)
      return [{ field: `${path}.field`, message: `${meta.name} has no field ${cfg.field} that can be set` }];
    try {
      validateInput(ctx, meta, { [cfg.field]: cfg.value ?? null }, 'update');
    } catch (err) {
      if (err instanceof AppError && err.errors)
        return err.errors.map((e) => ({ field: `${path}.value`, message: e.message }));
      throw err;
    }
    return [];
  },
  async run(a, cfg) {
    if (!a.object || !a.recordId) throw fieldError('field', 'No record to update');
    const rec = await updateRecord(a.sys, a.object, a.recordId, { [cfg.field]: cfg.value ?? null });
    return { field: cfg.field, value: rec[cfg.field] ?? null, version: rec.version };
  },
});
