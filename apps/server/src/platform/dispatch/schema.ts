// Table types of the dispatcher (migration 0061).
import type { Timestamp } from '../db/schema';

export interface EventHandlerErrorsTable {
  workspace_id: string;
  event_id: string;
  handler: string;
  error: string;
  failed_at: Timestamp;
}

declare module '../db/schema' {
  interface Database {
    event_handler_errors: EventHandlerErrorsTable;
  }
}
