// Request bodies of webhook subscriptions.
import { z } from 'zod';
import { subscribableEvents } from '../../platform/dispatch/eventTypes';

// Refinements run even after .url() failed, so they must not assume the text parses.
const parsed = (u: string): URL | null => {
  try {
    return new URL(u);
  } catch {
    return null;
  }
};

export const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:$/.test(parsed(u)?.protocol ?? 'http:'), 'Use an http:// or https:// URL')
  .refine((u) => !parsed(u)?.username && !parsed(u)?.password, 'Put credentials in the secret, not the URL');

const eventName = z.enum(['*', ...subscribableEvents], {
  error: () => `One of *, ${subscribableEvents.join(', ')}`,
});

export const createWebhookBody = z
  .object({
    url: webhookUrl,
    events: z
      .array(eventName)
      .min(1)
      .max(subscribableEvents.length + 1),
    /** Only events about these objects (record and stage events); all objects when left out. */
    objects: z.array(z.string().min(1).max(100)).max(50).optional(),
    secret: z.string().min(16, 'At least 16 characters').max(200).optional(),
    description: z.string().max(500).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = createWebhookBody.partial().strict();
export type UpdateWebhookInput = z.infer<typeof updateWebhookBody>;
