// Web forms, set up by people with manageWorkflows: which lead fields the form asks for (email is
// always one: submissions merge by it), who owns the leads, which sequence they join, and the
// embeddable HTML snippet for a website.
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { type FieldError, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { escapeHtml } from '../../platform/mail/mergeFields';
import type { MailSettings } from '../../platform/mail/settings';
import { loadObject } from '../records/meta/loadObject';
import { checkUsers } from '../workflows/actions/assignee';
import { webhookUrl } from '../webhooks/webhookBody';
import type { FormField } from './schema';
import './schema';

export const HONEYPOT = 'website';
const label = z
  .object({ en: z.string().trim().min(1).max(200), 'zh-CN': z.string().trim().min(1).max(200).optional() })
  .strict();

export const formBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    fields: z
      .array(z.object({ name: z.string().min(1).max(100), label, required: z.boolean().optional() }).strict())
      .min(1)
      .max(30),
    createObject: z.enum(['leads']).default('leads'),
    sequenceId: z.string().uuid().optional(),
    ownerId: z.string().uuid().optional(),
    redirectUrl: webhookUrl.optional(),
    successMessage: label.optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type FormInput = z.infer<typeof formBody>;

const iso = (d: Date | string) => new Date(d).toISOString();
export const presentForm = (f: {
  id: string;
  name: string;
  fields: unknown;
  create_object: string;
  sequence_id: string | null;
  owner_id: string | null;
  redirect_url: string | null;
  success_message: unknown;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}) => ({
  id: f.id,
  name: f.name,
  fields: f.fields,
  createObject: f.create_object,
  sequenceId: f.sequence_id,
  ownerId: f.owner_id,
  redirectUrl: f.redirect_url,
  successMessage: f.success_message,
  active: f.active,
  createdAt: iso(f.created_at),
  updatedAt: iso(f.updated_at),
});

export async function createForm(ctx: Ctx, input: FormInput) {
  requireCapability(ctx.actor, 'manageWorkflows');
  const meta = await loadObject(ctx, input.createObject);
  const errors: FieldError[] = [];
  for (const [i, f] of input.fields.entries()) {
    const def = meta.byName.get(f.name);
    if (!def || def.system || ['id', 'ownerId', 'score', 'status'].includes(f.name))
      errors.push({
        field: `fields.${i}.name`,
        message: `${meta.name} has no field ${f.name} a visitor may fill in`,
      });
    if (f.name === HONEYPOT)
      errors.push({ field: `fields.${i}.name`, message: `${HONEYPOT} is the honeypot's name` });
  }
  if (!input.fields.some((f) => f.name === 'email'))
    errors.push({ field: 'fields', message: 'A form asks for email (submissions merge by it)' });
  if (input.sequenceId) {
    const s = await ctx.db
      .selectFrom('sequences')
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', input.sequenceId)
      .where('archived_at', 'is', null)
      .select('id')
      .executeTakeFirst();
    if (!s) errors.push({ field: 'sequenceId', message: 'No such sequence' });
  }
  if (input.ownerId) errors.push(...(await checkUsers(ctx, [input.ownerId], 'ownerId')));
  if (errors.length) throw new ValidationError(errors);
  const now = clock.now();
  const row = await ctx.db
    .insertInto('forms')
    .values({
      workspace_id: ctx.workspaceId,
      id: newId(),
      name: input.name,
      fields: JSON.stringify(input.fields),
      create_object: input.createObject,
      sequence_id: input.sequenceId ?? null,
      owner_id: input.ownerId ?? ctx.actor.userId,
      redirect_url: input.redirectUrl ?? null,
      success_message: JSON.stringify(input.successMessage ?? null),
      active: input.active,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentForm(row);
}

async function load(ctx: Ctx, id: string) {
  const f = await ctx.db
    .selectFrom('forms')
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!f) throw new NotFound('No such form');
  return f;
}

export async function getForm(ctx: Ctx, id: string) {
  return presentForm(await load(ctx, id));
}

export async function listForms(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('forms')
    .where('workspace_id', '=', ctx.workspaceId)
    .selectAll()
    .orderBy('name')
    .limit(500)
    .execute();
  return { data: rows.map(presentForm) };
}

export async function deleteForm(ctx: Ctx, id: string) {
  requireCapability(ctx.actor, 'manageWorkflows');
  await load(ctx, id);
  await ctx.db
    .updateTable('forms')
    .set({ active: false, updated_at: clock.now() })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', '=', id)
    .execute();
}

/** A plain HTML form for a website: posts to /f/{id}, with the hidden honeypot field. */
export async function embedSnippet(ctx: Ctx, mail: MailSettings, id: string) {
  const f = await load(ctx, id);
  const zh = ctx.actor.locale.startsWith('zh');
  const rows = (f.fields as FormField[])
    .map((field) => {
      const text = escapeHtml((zh && field.label['zh-CN']) || field.label.en);
      const type = field.name === 'email' ? 'email' : field.name === 'phone' ? 'tel' : 'text';
      return `  <label>${text}<input type="${type}" name="${escapeHtml(field.name)}"${field.required || field.name === 'email' ? ' required' : ''}></label>`;
    })
    .join('\n');
  const html = `<form method="post" action="${escapeHtml(`${mail.publicUrl}/f/${f.id}`)}" accept-charset="utf-8">
${rows}
  <div style="position:absolute;left:-10000px" aria-hidden="true"><input type="text" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
  <button type="submit">${zh ? '提交' : 'Send'}</button>
</form>`;
  return { html };
}
