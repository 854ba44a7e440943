// Everything an import needs before its first row, from its stored options: the object's
// metadata, the fields the actor may fill, the checked mapping, the match plan and the coercion
// settings. The upload route runs it to refuse a bad request at once; the runner runs it again.
import type { Ctx } from '../../platform/context';
import { loadObject } from '../records/meta/loadObject';
import type { LoadedObject } from '../records/meta/types';
import type { ColumnMapping } from './autoMap';
import type { CoerceOptions } from './coerce/coerceCell';
import { defaultRegion } from './defaultRegion';
import { type ImportField, importFields } from './importFields';
import type { ImportOptions } from './importOptions';
import type { MatchPlan } from './matchIndex';
import { matchPlan } from './matchRecords';
import { resolveMapping } from './resolveMapping';

export interface PreparedImport {
  meta: LoadedObject;
  fields: ImportField[];
  byName: Map<string, ImportField>;
  mapping: ColumnMapping[];
  plan: MatchPlan;
  coerce: CoerceOptions;
}

export async function prepareImport(
  ctx: Ctx,
  object: string,
  headers: string[],
  options: ImportOptions,
): Promise<PreparedImport> {
  const meta = await loadObject(ctx, object);
  const fields = importFields(meta, ctx.actor);
  const mapping = resolveMapping(headers, fields, options.mapping);
  const plan = matchPlan(meta, options.match);
  return {
    meta,
    fields,
    byName: new Map(fields.map((f) => [f.name, f])),
    mapping,
    plan,
    coerce: {
      dayFirst: options.dayFirst,
      decimalSeparator: options.decimalSeparator,
      timeZone: meta.workspace.timeZone,
      defaultRegion:
        options.defaultRegion?.toUpperCase() ??
        defaultRegion(meta.workspace.timeZone, meta.workspace.currency),
      defaultCurrency: meta.workspace.currency,
    },
  };
}
