// Table types of web forms (migration 0065).
import type { Json, Timestamp } from '../../platform/db/schema';

export interface FormField {
  name: string;
  label: { en: string; 'zh-CN'?: string };
  required?: boolean;
}

export interface FormsTable {
  workspace_id: string;
  id: string;
  name: string;
  fields: Json<FormField[]>;
  create_object: string;
  sequence_id: string | null;
  owner_id: string | null;
  redirect_url: string | null;
  success_message: Json<{ en: string; 'zh-CN'?: string } | null>;
  active: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FormSubmissionsTable {
  workspace_id: string;
  id: string;
  form_id: string;
  object: string;
  record_id: string;
  merged: boolean;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

declare module '../../platform/db/schema' {
  interface Database {
    forms: FormsTable;
    form_submissions: FormSubmissionsTable;
  }
}
