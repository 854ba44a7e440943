// Page layouts: how the record page of one object groups its fields into sections (Settings → Page
// layouts). A layout only arranges: a field left out of every section still shows under "Other",
// and hiding is a role's field rule, so each caller sees the sections without the fields they may
// not see. Stored in `page_layouts` keyed by (workspace_id, object).
import { localizedLabelSchema } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor';
import { requireCapability } from '../../../platform/access/authorize';
import { clock } from '../../../platform/clock';
import type { Ctx } from '../../../platform/context';
import { ValidationError } from '../../../platform/errors';
import { fieldAccess } from '../meta/fieldAccess';
import { loadObject } from '../meta/loadObject';
import type { Labels, LoadedObject } from '../meta/types';
import { withTx } from '../write/withTx';

/** PUT /schema/objects/{object}/layout body: the sections, each with its field names in order. */
export const pageLayoutSchema = z
  .object({
    sections: z
      .array(
        z
          .object({
            label: localizedLabelSchema,
            fields: z.array(z.string().min(1).max(64)).max(500),
          })
          .strict(),
      )
      .max(50),
  })
  .strict();
export type PageLayoutInput = z.infer<typeof pageLayoutSchema>;

export interface PageLayout {
  sections: { label: Labels; fields: string[] }[];
}

/** The layout as one caller sees it: fields gone from the object or hidden from them are left out. */
export function presentLayout(
  actor: Actor,
  meta: LoadedObject,
  layout: PageLayout | null,
): PageLayout | null {
  if (!layout) return null;
  return {
    sections: layout.sections.map((s) => ({
      label: s.label,
      fields: s.fields.filter((n) => meta.byName.has(n) && fieldAccess(actor, meta.name, n) !== 'hidden'),
    })),
  };
}

/** Saved layouts of the workspace by object (all of them, or those of `objects`); one query. */
export async function loadLayouts(ctx: Ctx, objects?: string[]): Promise<Map<string, PageLayout>> {
  if (objects && objects.length === 0) return new Map();
  const rows = await sql<{ object: string; sections: PageLayout['sections'] }>`
    SELECT object, sections FROM page_layouts
    WHERE workspace_id = ${ctx.workspaceId}
    ${objects ? sql`AND object IN (${sql.join(objects)})` : sql``}`.execute(ctx.db);
  return new Map(rows.rows.map((r) => [r.object, { sections: r.sections }]));
}

/** PUT /schema/objects/{object}/layout: replaces the object's layout (manageSchema). */
export async function saveLayout(ctx: Ctx, object: string, input: PageLayoutInput): Promise<PageLayout> {
  requireCapability(ctx.actor, 'manageSchema');
  return withTx(ctx, async (tx) => {
    const meta = await loadObject(tx, object);
    const errors: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    for (const [i, s] of input.sections.entries())
      for (const [j, name] of s.fields.entries()) {
        const field = `sections.${i}.fields.${j}`;
        if (!meta.byName.has(name) || fieldAccess(tx.actor, meta.name, name) === 'hidden')
          errors.push({ field, message: `Unknown field "${name}" on ${meta.name}` });
        else if (seen.has(name))
          errors.push({ field, message: `Field "${name}" is in more than one section` });
        seen.add(name);
      }
    if (errors.length) throw new ValidationError(errors, errors[0]!.message);
    const sections = input.sections.map((s) => ({
      label: { en: s.label.en, 'zh-CN': s.label['zh-CN'] ?? s.label.en },
      fields: s.fields,
    }));
    await sql`INSERT INTO page_layouts (workspace_id, object, sections, updated_at, updated_by)
      VALUES (${tx.workspaceId}, ${meta.name}, ${JSON.stringify(sections)}::jsonb, ${clock.now()}, ${tx.actor.userId})
      ON CONFLICT (workspace_id, object) DO UPDATE SET sections = EXCLUDED.sections,
        updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`.execute(tx.db);
    return presentLayout(tx.actor, meta, { sections }) as PageLayout;
  });
}
