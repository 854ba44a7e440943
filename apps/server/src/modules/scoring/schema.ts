// Table types of lead scoring (migration 0065).
import type { RecordFilter } from '@rapport/contracts/records';
import type { Json, Timestamp } from '../../platform/db/schema';

export interface ScoringRulesTable {
  workspace_id: string;
  id: string;
  object: string;
  name: string | null;
  when: Json<RecordFilter[]>;
  event: string | null;
  points: number;
  active: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScoreEventsTable {
  workspace_id: string;
  rule_id: string;
  event_id: string;
  object: string;
  record_id: string;
  points: number;
  at: Timestamp;
}

export interface ScoringRescansTable {
  workspace_id: string;
  object: string;
  after_cursor: string | null;
  requested_at: Timestamp;
}

declare module '../../platform/db/schema' {
  interface Database {
    scoring_rules: ScoringRulesTable;
    score_events: ScoreEventsTable;
    scoring_rescans: ScoringRescansTable;
  }
}
