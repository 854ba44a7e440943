// Table types of email in and out (migration 0060), added to the Kysely map by augmentation.
import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../db/schema';

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'received';
export type EmailKind = 'message' | 'reply' | 'bounce' | 'autoReply';

export interface EmailsTable {
  workspace_id: string;
  id: string;
  direction: 'in' | 'out';
  status: EmailStatus;
  kind: Generated<EmailKind>;
  from_address: string;
  from_name: string | null;
  reply_to: string | null;
  to_addresses: string[];
  cc_addresses: Generated<string[]>;
  subject: Generated<string>;
  text_body: string | null;
  html_body: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  thread_refs: Generated<string[]>;
  sender_user_id: string | null;
  created_by: string | null;
  source: Generated<string>;
  marketing: Generated<boolean>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  claimed_until: Timestamp | null;
  last_error: string | null;
  note: string | null;
  sent_at: Timestamp | null;
  received_at: Timestamp | null;
  bounced_at: Timestamp | null;
  bounce_reason: string | null;
  idempotency_key: string | null;
  headers: Json<Record<string, string>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmailLinksTable {
  workspace_id: string;
  email_id: string;
  object: string;
  record_id: string;
  /** from | to | cc | related: how the record is involved. */
  role: Generated<string>;
}

export interface EmailSuppressionsTable {
  workspace_id: string;
  address: string;
  reason: 'unsubscribed' | 'bounced';
  email_id: string | null;
  created_at: Timestamp;
}

export interface EmailTemplatesTable {
  workspace_id: string;
  id: string;
  name: string;
  subject: string;
  body: string;
  format: 'text' | 'html';
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcessSecretsTable {
  workspace_id: string;
  purpose: string;
  secret: string;
}

declare module '../db/schema' {
  interface Database {
    emails: EmailsTable;
    email_links: EmailLinksTable;
    email_suppressions: EmailSuppressionsTable;
    email_templates: EmailTemplatesTable;
    process_secrets: ProcessSecretsTable;
  }
}
