// Reusable messages with merge fields, used by workflows (sendEmail {template}) and by people
// composing mail. Bad merge-field syntax is refused when the template is saved, not when it is sent.
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Executor } from '../../platform/db/schema';
import { Conflict, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { templateProblems } from '../../platform/mail/mergeFields';

export const templateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    subject: z.string().trim().min(1).max(500),
    body: z.string().min(1).max(200_000),
    format: z.enum(['text', 'html']).default('text'),
  })
  .strict();
export type TemplateInput = z.infer<typeof templateBody>;

/** Field errors for merge fields in a subject and body; empty when both are fine. */
export function mergeFieldErrors(fields: Record<string, string | undefined>) {
  const errors: { field: string; message: string }[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (text === undefined) continue;
    for (const message of templateProblems(text)) errors.push({ field, message });
  }
  return errors;
}

type Row = {
  id: string;
  name: string;
  subject: string;
  body: string;
  format: 'text' | 'html';
  created_at: Date | string;
  updated_at: Date | string;
};
const present = (r: Row) => ({
  id: r.id,
  name: r.name,
  subject: r.subject,
  body: r.body,
  format: r.format,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function createTemplate(ctx: Ctx, input: TemplateInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const errors = mergeFieldErrors({ subject: input.subject, body: input.body });
  if (errors.length) throw new ValidationError(errors);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('email_templates')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      name: input.name,
      subject: input.subject,
      body: input.body,
      format: input.format,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw new Conflict('A template with this name already exists', [
      { field: 'name', message: 'Already taken' },
    ]);
  return present(row);
}

export async function updateTemplate(ctx: Ctx, id: string, input: Partial<TemplateInput>) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const errors = mergeFieldErrors({ subject: input.subject, body: input.body });
  if (errors.length) throw new ValidationError(errors);
  const clash = input.name
    ? await ctx.db
        .selectFrom('email_templates')
        .where('workspace_id', '=', ctx.workspaceId)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name!.toLowerCase()))
        .where('id', '!=', id)
        .select('id')
        .executeTakeFirst()
    : undefined;
  if (clash)
    throw new Conflict('A template with this name already exists', [
      { field: 'name', message: 'Already taken' },
    ]);
  const row = await ctx.db
    .updateTable('email_templates')
    .set({ ...input, updated_at: clock.now() })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFound('No such template');
  return present(row);
}

export async function deleteTemplate(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const r = await ctx.db
    .deleteFrom('email_templates')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r.numDeletedRows) throw new NotFound('No such template');
}

export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('email_templates')
    .where('workspace_id', '=', ctx.workspaceId)
    .selectAll()
    .orderBy('name')
    .limit(1000)
    .execute();
  return { data: rows.map(present) };
}

export async function findTemplate(db: Executor, workspaceId: string, id: string) {
  const row = await db
    .selectFrom('email_templates')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  return row ? present(row) : null;
}

export async function getTemplate(ctx: Ctx, id: string) {
  const t = await findTemplate(ctx.db, ctx.workspaceId, id);
  if (!t) throw new NotFound('No such template');
  return t;
}
