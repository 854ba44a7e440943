// The internal metadata every part of the engine compiles against: an object (standard table or
// custom object in `records`) and its fields, each knowing its type, its labels in both languages
// and where its value is stored.
import type { Ctx } from '../../../platform/context';
import type { Executor } from '../../../platform/db/schema';

export interface Labels {
  en: string;
  'zh-CN': string;
}

export interface FieldOption {
  value: string;
  label: Labels;
  color?: string;
}

/** Custom field types (API.md) plus the structured types only standard fields use. */
export type FieldType =
  | 'text'
  | 'longText'
  | 'number'
  | 'money'
  | 'date'
  | 'dateTime'
  | 'boolean'
  | 'select'
  | 'multiSelect'
  | 'email'
  | 'phone'
  | 'url'
  | 'relation'
  | 'socialProfiles'
  | 'relatedTo'
  | 'moneyTotals';

export type SearchRole = 'names' | 'emails' | 'phones' | 'domains' | 'other';

/** Where a field's value lives. Link fields are kept in a join table by a LinkStore. */
export type Storage =
  | {
      kind: 'column';
      column: string;
      sqlType?: 'uuid' | 'text' | 'numeric' | 'int' | 'date' | 'timestamptz' | 'bool' | 'jsonb' | 'text[]';
    }
  | { kind: 'money'; amount: string; currency: string }
  | { kind: 'custom'; key: string }
  | { kind: 'link'; link: string };

export interface FieldDef {
  name: string;
  type: FieldType;
  labels: Labels;
  storage: Storage;
  options?: FieldOption[];
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  /** Set by the system, never by a request (ids, timestamps, rollups, computed names). */
  system?: boolean;
  /** Settable on create only (the object a custom record belongs to, …). */
  createOnly?: boolean;
  relation?: { object: string; many?: boolean };
  /** Arrays of emails or phones. */
  many?: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  search?: SearchRole;
  custom?: boolean;
  /** The database index or constraint that enforces `unique`, so a 23505 names this field. */
  uniqueIndex?: string;
  /** Can be used in `sort` (scalars only). */
  sortable?: boolean;
  /** The name of a relation in a filter path: `companyId` → `company` (company.name). */
  path?: string;
  description?: Labels;
  position?: number;
  /** Whether the column may hold NULL (keyset pages treat nullable sort keys specially). */
  nullable?: boolean;
  /** A rollup computed from this object's records: hidden from callers who cannot read all of them. */
  derivedFrom?: string;
  /** Applied on create when the request leaves the field out. */
  defaultValue?: unknown;
}

export interface ObjectHooks {
  /** Fills derived values before a write (defaults, computed names); may add field errors. */
  prepare?(ctx: Ctx, w: WriteState): Promise<void>;
  /** Side tables, events and rollups after the row is written (same transaction). */
  afterWrite?(ctx: Ctx, w: WriteResult): Promise<void>;
}

export interface ObjectDef {
  name: string;
  table: string;
  labels: Labels;
  pluralLabels: Labels;
  titleField: string;
  fields: FieldDef[];
  custom?: boolean;
  hooks?: ObjectHooks;
  /** Records of this object carry `company_id` into history, for the company's 360° timeline. */
  companyColumn?: string;
  /** Extra internal columns the object's hooks maintain (not API fields). */
  internalColumns?: string[];
  description?: Labels;
}

/** An object with its custom fields and the workspace facts that writes need. */
export interface LoadedObject extends ObjectDef {
  byName: Map<string, FieldDef>;
  workspace: { currency: string; timeZone: string };
}

export type ApiRecord = Record<string, unknown> & { id: string; object: string; version: number };

export type Operation = 'create' | 'update' | 'delete' | 'restore';

/** What a hook sees before the write: API values, old (null on create) and new. */
export interface WriteState {
  op: 'create' | 'update';
  meta: LoadedObject;
  id: string;
  old: ApiRecord | null;
  /** The values after the write, API names (mutable by prepare hooks). */
  next: Record<string, unknown>;
  /** Fields the request set explicitly. */
  given: Set<string>;
  /** Extra column values hooks compute (internal columns such as email_keys). */
  extraColumns: Record<string, unknown>;
  errors: { field: string; message: string }[];
}

export interface WriteResult {
  op: Operation;
  meta: LoadedObject;
  id: string;
  old: ApiRecord | null;
  new: ApiRecord | null;
  changed: string[];
  db: Executor;
}
