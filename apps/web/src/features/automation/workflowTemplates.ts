// Ready workflows to start the builder from, each a plain workflow body the server accepts as it
// is (checked against workflowBody.ts and the action schemas): R18's renewal reminder (a task for
// the owner 30 days before a contract's end date), a deal's stage change mailed to its owner, and
// a lead whose score crosses 50 (a `when` + `previously` threshold) becoming a task. Names and
// texts are in the user's language; merge fields are passed in as values so i18next leaves them be.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import type { TFunction } from 'i18next';
import type { WorkflowInput } from './WorkflowBuilder';

export const workflowTemplateKeys = ['renewal', 'stageNotify', 'leadScore'] as const;
export type WorkflowTemplateKey = (typeof workflowTemplateKeys)[number];

const dateTypes = new Set(['date', 'dateTime']);

/**
 * Where a contract's end date lives: there is no built-in contracts object, so the first object
 * named or labelled like one, and on it the date field named like an end (else its first date).
 * Either may be missing: the builder then asks for them, as for any date trigger.
 */
export function contractEndDate(schema: ObjectMeta[] | undefined): { object: string; field: string } {
  const objects = schema ?? [];
  const contract =
    objects.find((o) => o.name === 'contracts') ??
    objects.find((o) => /contract|合同/i.test(`${o.name} ${Object.values(o.label ?? {}).join(' ')}`));
  const dates = (contract?.fields ?? []).filter((f) => dateTypes.has(f.type));
  const end = dates.find((f) => /end|expir/i.test(f.name)) ?? dates[0];
  return { object: contract?.name ?? '', field: end?.name ?? '' };
}

/** The template as a workflow the builder opens with (not yet saved: no id). */
export function workflowTemplate(
  key: WorkflowTemplateKey,
  t: TFunction,
  schema: ObjectMeta[] | undefined,
): Omit<WorkflowInput, 'id'> {
  switch (key) {
    case 'renewal': {
      const { object, field } = contractEndDate(schema);
      return {
        name: t('automation.templates.renewalName'),
        description: t('automation.templates.renewalDescription'),
        active: true,
        trigger: { event: 'date.reached', object, field, offset: '-P30D' },
        actions: [
          {
            type: 'createTask',
            subject: field
              ? t('automation.templates.renewalSubject', {
                  name: '{{record.name}}',
                  end: `{{record.${field}}}`,
                })
              : t('automation.templates.renewalSubjectNoDate', { name: '{{record.name}}' }),
            dueIn: 'P7D',
            assignTo: 'owner',
            priority: 'high',
          },
        ],
      };
    }
    case 'stageNotify':
      return {
        name: t('automation.templates.stageName'),
        description: t('automation.templates.stageDescription'),
        active: true,
        trigger: { event: 'stage.changed', object: 'deals' },
        actions: [
          {
            type: 'sendEmail',
            to: 'owner',
            subject: t('automation.templates.stageSubject', { deal: '{{deal.name}}' }),
            body: t('automation.templates.stageBody', {
              owner: '{{owner.firstName}}',
              deal: '{{deal.name}}',
              amount: '{{deal.amount}}',
            }),
          },
        ],
      };
    case 'leadScore':
      return {
        name: t('automation.templates.scoreName'),
        description: t('automation.templates.scoreDescription'),
        active: true,
        trigger: {
          event: 'record.updated',
          object: 'leads',
          when: [{ field: 'score', op: 'gte', value: 50 }],
          previously: [{ field: 'score', op: 'lt', value: 50 }],
        },
        actions: [
          {
            type: 'createTask',
            subject: t('automation.templates.scoreSubject', {
              name: '{{lead.firstName}} {{lead.lastName}}',
              score: '{{lead.score}}',
            }),
            dueIn: 'P1D',
            assignTo: 'owner',
          },
        ],
      };
  }
}
