// A person sends a message (to a contact, say): signed with their signature, queued in the outbox
// and sent by the workers; failed messages can be put back in the queue.
import { z } from 'zod';
import { authorize } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { NotFound, Unprocessable, ValidationError } from '../../platform/errors';
import type { MailSettings } from '../../platform/mail/settings';
import { queueEmail } from '../../platform/mail/queueEmail';
import { NO_SMTP_NOTE } from '../../platform/mail/settings';
import { emailScope } from './emailPolicy';
import { findTemplate, mergeFieldErrors } from './emailTemplates';
import { getEmail } from './listEmails';

const address = z.string().trim().max(320).email();

export const sendEmailBody = z
  .object({
    to: z.array(address).min(1).max(50),
    cc: z.array(address).max(50).optional(),
    subject: z.string().trim().min(1).max(500).optional(),
    body: z.string().min(1).max(200_000).optional(),
    format: z.enum(['text', 'html']).optional(),
    templateId: z.string().uuid().optional(),
  })
  .strict();
export type SendEmailInput = z.infer<typeof sendEmailBody>;

export async function sendEmail(ctx: Ctx, settings: MailSettings, input: SendEmailInput) {
  authorize(ctx.actor, 'activities', 'create');
  let template: { subject: string; body: string; format: 'text' | 'html' };
  if (input.templateId) {
    const t = await findTemplate(ctx.db, ctx.workspaceId, input.templateId);
    if (!t) throw new ValidationError([{ field: 'templateId', message: 'No such template' }]);
    template = {
      subject: input.subject ?? t.subject,
      body: input.body ?? t.body,
      format: input.format ?? t.format,
    };
  } else {
    const errors = [];
    if (!input.subject) errors.push({ field: 'subject', message: 'Give a subject or a templateId' });
    if (!input.body) errors.push({ field: 'body', message: 'Give a body or a templateId' });
    if (errors.length) throw new ValidationError(errors);
    template = { subject: input.subject!, body: input.body!, format: input.format ?? 'text' };
  }
  const problems = mergeFieldErrors({ subject: template.subject, body: template.body });
  if (problems.length) throw new ValidationError(problems);
  const sender = ctx.actor.userId;
  const result = await queueEmail(ctx.db, settings, {
    workspaceId: ctx.workspaceId,
    to: input.to,
    cc: input.cc,
    template,
    senderUserId: sender,
    createdBy: sender,
    source: 'manual',
  });
  if (!result.queued) throw new Unprocessable('The message has no valid recipient');
  return getEmail(ctx, result.id);
}

export async function retryEmail(ctx: Ctx, settings: MailSettings, id: string) {
  let q = ctx.db
    .updateTable('emails')
    .set({
      status: 'queued',
      attempts: 0,
      next_attempt_at: clock.now(),
      last_error: null,
      note: settings.smtpUrl ? null : NO_SMTP_NOTE,
      updated_at: clock.now(),
    })
    .where('emails.workspace_id', '=', ctx.workspaceId)
    .where('emails.id', '=', id)
    .where('emails.direction', '=', 'out')
    .where('emails.status', '=', 'failed');
  const scope = emailScope(ctx.actor);
  if (scope) q = q.where(scope as never);
  const r = await q.executeTakeFirst();
  if (!r.numUpdatedRows) {
    const current = await getEmail(ctx, id).catch(() => null);
    if (!current) throw new NotFound('No such email');
    throw new Unprocessable(`Only failed outgoing messages can be retried; this one is ${current.status}`);
  }
  return getEmail(ctx, id);
}
