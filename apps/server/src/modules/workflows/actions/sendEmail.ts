// sendEmail {template | subject + body, to}: to the record's address (marketing mail: unsubscribe
// link, suppressed addresses skipped), its owner, or a fixed address; signed by the record's owner.
// The message is queued in the outbox keyed by run and action, so a retried run mails once.
import { z } from 'zod';
import { Unprocessable, ValidationError } from '../../../platform/errors';
import { queueEmail } from '../../../platform/mail/queueEmail';
import { findTemplate, mergeFieldErrors } from '../../email/emailTemplates';
import { registerAction } from '../actionRegistry';
import { mergeContextFor } from '../mergeContext';
import { userEmail } from './assignee';

const schema = z
  .object({
    type: z.literal('sendEmail'),
    template: z.string().uuid().optional(),
    subject: z.string().trim().min(1).max(500).optional(),
    body: z.string().min(1).max(200_000).optional(),
    format: z.enum(['text', 'html']).optional(),
    to: z.union([z.enum(['record', 'owner']), z.string().trim().email().max(320)]).default('record'),
  })
  .strict();

registerAction<z.infer<typeof schema>>({
  type: 'sendEmail',
  schema,
  needsRecord: false,
  async check(ctx, cfg, meta, path) {
    if (cfg.template) {
      const t = await findTemplate(ctx.db, ctx.workspaceId, cfg.template);
      if (!t) return [{ field: `${path}.template`, message: 'No such email template' }];
    } else if (!cfg.subject || !cfg.body) {
      return [{ field: `${path}.subject`, message: 'Give a template, or a subject and a body' }];
    }
    if (cfg.to === 'record' && meta && !meta.byName.has('email'))
      return [{ field: `${path}.to`, message: `${meta.name} records have no email address` }];
    return mergeFieldErrors({ [`${path}.subject`]: cfg.subject, [`${path}.body`]: cfg.body });
  },
  async run(a, cfg) {
    let template = {
      subject: cfg.subject ?? '',
      body: cfg.body ?? '',
      format: cfg.format ?? ('text' as const),
    };
    if (cfg.template) {
      const t = await findTemplate(a.tx, a.workspaceId, cfg.template);
      if (!t) throw new ValidationError([{ field: 'template', message: 'The email template was deleted' }]);
      template = {
        subject: cfg.subject ?? t.subject,
        body: cfg.body ?? t.body,
        format: cfg.format ?? t.format,
      };
    }
    const ownerId = typeof a.record?.ownerId === 'string' ? a.record.ownerId : a.workflow.ownerId;
    let to: string | null;
    if (cfg.to === 'record') to = typeof a.record?.email === 'string' ? a.record.email : null;
    else if (cfg.to === 'owner') to = (await userEmail(a.tx, a.workspaceId, ownerId))?.email ?? null;
    else to = cfg.to;
    if (!to) throw new Unprocessable(`There is no address to send to (${cfg.to})`);
    const result = await queueEmail(a.tx, a.deps.mail, {
      workspaceId: a.workspaceId,
      to: [to],
      template,
      context: await mergeContextFor(a.tx, a.workspaceId, a.object, a.record),
      senderUserId: ownerId,
      related: a.object && a.recordId ? [{ object: a.object, id: a.recordId }] : [],
      source: 'workflow',
      marketing: cfg.to === 'record',
      automated: cfg.to !== 'record',
      idempotencyKey: `wf:${a.run.id}:${a.run.index}`,
    });
    if (!result.queued) return { skipped: result.reason, addresses: result.addresses };
    return { emailId: result.id };
  },
});
