// Table types of approvals (migration 0064; process versions 0066).
import type { Json, Timestamp } from '../../platform/db/schema';
import type { Generated } from 'kysely';
import type { RecordFilter } from '@rapport/contracts/records';

export interface ApprovalStep {
  approver: string;
}

export interface ApprovalProcessesTable {
  workspace_id: string;
  id: string;
  name: string;
  object: string;
  entry_criteria: Json<RecordFilter[]>;
  steps: Json<ApprovalStep[]>;
  locked_fields: string[] | null;
  active: boolean;
  /** Bumped by every change (migration 0066); the ETag / If-Match of PATCH. */
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface ApprovalRequestsTable {
  workspace_id: string;
  id: string;
  process_id: string;
  object: string;
  record_id: string;
  status: 'pending' | 'approved' | 'rejected' | 'cancelled';
  current_step: number;
  submitted_by: string | null;
  comment: string | null;
  snapshot: Json<Record<string, unknown>>;
  locked_fields: string[] | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ApprovalDecisionsTable {
  workspace_id: string;
  id: string;
  request_id: string;
  step_index: number;
  approver_ids: string[];
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

declare module '../../platform/db/schema' {
  interface Database {
    approval_processes: ApprovalProcessesTable;
    approval_requests: ApprovalRequestsTable;
    approval_decisions: ApprovalDecisionsTable;
  }
}
