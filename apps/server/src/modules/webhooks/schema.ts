// Table types of webhooks and their deliveries (migration 0061).
import type { Timestamp } from '../../platform/db/schema';

export interface WebhooksTable {
  workspace_id: string;
  id: string;
  url: string;
  description: string | null;
  events: string[];
  objects: string[] | null;
  secret: string;
  active: boolean;
  consecutive_failures: number;
  disabled_at: Timestamp | null;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryStatus = 'pending' | 'sending' | 'succeeded' | 'failed';

export interface WebhookDeliveriesTable {
  workspace_id: string;
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Timestamp | null;
  claimed_until: Timestamp | null;
  response_status: number | null;
  response_body: string | null;
  last_error: string | null;
  duration_ms: number | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

declare module '../../platform/db/schema' {
  interface Database {
    webhooks: WebhooksTable;
    webhook_deliveries: WebhookDeliveriesTable;
  }
}
