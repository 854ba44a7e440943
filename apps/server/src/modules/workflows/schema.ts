// Table types of workflows (migration 0062).
import type { Json, Timestamp } from '../../platform/db/schema';

export interface WorkflowsTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  event: string;
  object: string | null;
  trigger: Json<Record<string, unknown>>;
  actions: Json<Record<string, unknown>[]>;
  owner_id: string | null;
  version: number;
  next_fire_at: Timestamp | null;
  scanned_through: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface ActionOutcome {
  index: number;
  type: string;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  result?: Record<string, unknown>;
  error?: string;
  at: string;
}

export interface WorkflowRunsTable {
  workspace_id: string;
  id: string;
  workflow_id: string;
  workflow_version: number;
  trigger_key: string;
  event_id: string | null;
  event_type: string;
  object: string | null;
  record_id: string | null;
  status: RunStatus;
  reason: string | null;
  actions: Json<Record<string, unknown>[]>;
  outcomes: Json<ActionOutcome[]>;
  current_action: number;
  attempts: number;
  next_attempt_at: Timestamp | null;
  claimed_until: Timestamp | null;
  depth: number;
  trigger_data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface WorkflowCountersTable {
  workspace_id: string;
  workflow_id: string;
  action_index: number;
  counter: string | number;
}

declare module '../../platform/db/schema' {
  interface Database {
    workflows: WorkflowsTable;
    workflow_runs: WorkflowRunsTable;
    workflow_counters: WorkflowCountersTable;
  }
}
