// Table types of sequences (migration 0063).
import type { Json, Timestamp } from '../../platform/db/schema';

export interface SequenceStep {
  type: 'email' | 'letter' | 'task' | 'call';
  delay: string;
  subject: string;
  body?: string;
  format?: 'text' | 'html';
  assignTo?: string;
}

export interface BusinessHours {
  days: number[];
  start: string;
  end: string;
  timeZone?: string;
}

export interface SequencesTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  steps: Json<SequenceStep[]>;
  stop_on: string[];
  business_hours: Json<BusinessHours | null>;
  template_key: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export type EnrollmentStatus = 'active' | 'paused' | 'completed' | 'stopped';

export interface SequenceEnrollmentsTable {
  workspace_id: string;
  id: string;
  sequence_id: string;
  object: string;
  record_id: string;
  status: EnrollmentStatus;
  stop_reason: string | null;
  next_step: number;
  next_run_at: Timestamp | null;
  step_attempts: number;
  last_error: string | null;
  owner_id: string | null;
  enrolled_by: string | null;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  paused_at: Timestamp | null;
  completed_at: Timestamp | null;
  stopped_at: Timestamp | null;
}

export interface SequenceStepRunsTable {
  workspace_id: string;
  enrollment_id: string;
  step_index: number;
  type: string;
  status: 'done' | 'skipped';
  result: Json<Record<string, unknown>>;
  ran_at: Timestamp;
  worker: string | null;
}

declare module '../../platform/db/schema' {
  interface Database {
    sequences: SequencesTable;
    sequence_enrollments: SequenceEnrollmentsTable;
    sequence_step_runs: SequenceStepRunsTable;
  }
}
