// Shapes of the HTTP API as written in the design's API.md, as TypeScript types with no runtime
// cost, for the web app (and any TypeScript client). The server's Zod schemas are the authority;
// these mirror them, so a change there that breaks a client shows up as a type error here.

/** RFC 9457 problem details, as every error response carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

export type Locale = 'en' | 'zh-CN';
export type LocalizedText = Partial<Record<Locale, string>> & { en?: string };

export interface Money {
  amount: string;
  currency: string;
}

export const fieldTypes = [
  'text',
  'longText',
  'number',
  'money',
  'date',
  'dateTime',
  'boolean',
  'select',
  'multiSelect',
  'email',
  'phone',
  'url',
  'relation',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface FieldOption {
  value: string;
  label: string | LocalizedText;
  color?: string;
}

export interface FieldMeta {
  name: string;
  type: FieldType | (string & {});
  label: string | LocalizedText;
  options?: FieldOption[];
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  readOnly?: boolean;
  hidden?: boolean;
  custom?: boolean;
  relation?: { object: string; many?: boolean };
  description?: string | LocalizedText;
  sortable?: boolean;
  filterable?: boolean;
  searchable?: boolean;
}

export interface ObjectMeta {
  name: string;
  label: string | LocalizedText;
  pluralLabel?: string | LocalizedText;
  custom?: boolean;
  titleField?: string;
  fields: FieldMeta[];
  /** The record page's field sections as the admin arranged them (absent: one default section). */
  layout?: PageLayout | null;
}

export interface PageLayout {
  sections: { label: string | LocalizedText; fields: string[] }[];
}

export interface RecordBase {
  id: string;
  object?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string | null;
  ownerId?: string | null;
  [field: string]: unknown;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  total?: number;
}

export const filterOps = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'nin',
  'contains',
  'startsWith',
  'isEmpty',
  'isNotEmpty',
  'between',
] as const;
export type FilterOp = (typeof filterOps)[number];

export interface Filter {
  field: string;
  op: FilterOp;
  value?: unknown;
}

/** Conditions OR-ed together; the list of filters itself is AND-ed. */
export interface FilterGroup {
  or: Filter[];
}

export type ListFilter = Filter | FilterGroup;

export const isGroup = (f: ListFilter): f is FilterGroup => 'or' in f;

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

export interface SearchRequest {
  filters?: ListFilter[];
  sort?: SortSpec[];
  q?: string;
  limit?: number;
  after?: string | null;
}

export interface SavedView {
  id: string;
  object: string;
  name: string;
  label?: LocalizedText;
  filters: ListFilter[];
  sort: SortSpec[];
  columns: string[];
  shared?: boolean;
  ownerId?: string | null;
  builtIn?: boolean;
}

export interface SearchHit {
  object: string;
  id: string;
  title: string;
  subtitle?: string | null;
}

export interface Stage {
  id: string;
  name: string | LocalizedText;
  /** Names in both languages where the admin gave them (name is the fallback). */
  label?: LocalizedText | null;
  probability?: number | null;
  position?: number;
  kind?: 'open' | 'won' | 'lost' | (string & {});
}

export interface Pipeline {
  id: string;
  name: string | LocalizedText;
  label?: LocalizedText | null;
  currency?: string | null;
  stages: Stage[];
  isDefault?: boolean;
}

export interface MeUser {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string | null;
  active: boolean;
}

export interface MeWorkspace {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  fiscalYearStartMonth: number;
}

export type Scope = 'none' | 'own' | 'team' | 'unit' | 'all';
export interface Permissions {
  objects: Record<string, Partial<Record<'read' | 'create' | 'update' | 'delete', Scope>>>;
  fields?: Record<string, Record<string, 'hidden' | 'readOnly'>>;
  capabilities: string[];
}

export interface Me {
  user: MeUser;
  workspace: MeWorkspace;
  permissions: Permissions;
  csrfToken: string | null;
}

export interface TimelineItem {
  id: string;
  kind: 'activity' | 'email' | 'change' | 'approval' | 'stage' | (string & {});
  at: string;
  actor?: { id: string; name: string } | null;
  object?: string;
  recordId?: string;
  [detail: string]: unknown;
}
