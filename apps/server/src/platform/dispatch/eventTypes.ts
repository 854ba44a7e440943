// The outbox event types a subscriber (webhook, workflow trigger) may name. Kept in one list so a
// typo in a subscription is a 400 naming the field instead of a subscription that never fires.
export const subscribableEvents = [
  'record.created',
  'record.updated',
  'record.deleted',
  'record.restored',
  'stage.changed',
  'lead.converted',
  'email.received',
  'email.unsubscribed',
  'email.bounced',
  'form.submitted',
  'approval.submitted',
  'approval.decided',
  'sequence.completed',
  'workflow.failed',
] as const;
export type SubscribableEvent = (typeof subscribableEvents)[number];

export const isSubscribableEvent = (s: string): s is SubscribableEvent =>
  (subscribableEvents as readonly string[]).includes(s);
