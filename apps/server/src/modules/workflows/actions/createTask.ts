// createTask {subject, body?, dueIn?, assignTo?, priority?}: a task activity on the record, for its
// owner by default, due after dueIn (calendar-aware in the workspace's time zone).
import { z } from 'zod';
import { clock } from '../../../platform/clock';
import { renderTemplate } from '../../../platform/mail/mergeFields';
import { createRecord } from '../../records/write/createRecord';
import { registerAction } from '../actionRegistry';
import { addDuration, durationSchema } from '../durations';
import { mergeContextFor } from '../mergeContext';
import { mergeFieldErrors } from '../../email/emailTemplates';
import { assigneeSchema, checkAssignee, resolveAssignee } from './assignee';

const schema = z
  .object({
    type: z.literal('createTask'),
    subject: z.string().trim().min(1).max(500),
    body: z.string().max(20_000).optional(),
    dueIn: durationSchema().optional(),
    assignTo: assigneeSchema.optional(),
    priority: z.enum(['low', 'normal', 'high']).optional(),
  })
  .strict();

registerAction<z.infer<typeof schema>>({
  type: 'createTask',
  schema,
  needsRecord: false,
  async check(ctx, cfg, _meta, path) {
    return [
      ...mergeFieldErrors({ [`${path}.subject`]: cfg.subject, [`${path}.body`]: cfg.body }),
      ...(await checkAssignee(ctx, cfg.assignTo, `${path}.assignTo`)),
    ];
  },
  async run(a, cfg) {
    const merge = await mergeContextFor(a.tx, a.workspaceId, a.object, a.record);
    const zone = a.meta?.workspace.timeZone ?? 'UTC';
    const ownerId = resolveAssignee(a, cfg.assignTo);
    const task = await createRecord(a.sys, 'activities', {
      type: 'task',
      subject: renderTemplate(cfg.subject, merge, { html: false }).slice(0, 500),
      ...(cfg.body ? { body: renderTemplate(cfg.body, merge, { html: false }) } : {}),
      dueAt: addDuration(clock.now(), cfg.dueIn ?? 'P1D', zone).toISOString(),
      ...(cfg.priority ? { priority: cfg.priority } : {}),
      ...(ownerId ? { ownerId } : {}),
      ...(a.object && a.recordId ? { relatedTo: [{ object: a.object, id: a.recordId }] } : {}),
    });
    return { taskId: task.id, ownerId: task.ownerId, dueAt: task.dueAt };
  },
});
