// Zod schemas of the record engine's requests (filters, sort, search, custom fields and objects,
// pipelines, saved views), shared by the server (which validates with them) and the web app
// (forms and the filter builder). Record bodies themselves are validated against the object's
// metadata at run time, so they are not here.
import { z } from 'zod';

export const locales = ['en', 'zh-CN'] as const;

/** A label in both languages; English is required, Chinese falls back to English when missing. */
export const localizedLabelSchema = z
  .object({
    en: z.string().trim().min(1).max(200),
    'zh-CN': z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type LocalizedLabel = z.infer<typeof localizedLabelSchema>;

export const customFieldTypes = [
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
export type CustomFieldType = (typeof customFieldTypes)[number];

export const filterOpList = [
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
export type FilterOpName = (typeof filterOpList)[number];

/**
 * Values may be relative tokens, resolved at query time in the workspace's time zone:
 * `@me` (the caller's user id), `@now`, `@today`, `@startOfToday`, `@endOfToday`,
 * `@startOfWeek`, `@endOfWeek`, `@startOfMonth`, `@endOfMonth`, `@daysAgo:N`, `@daysFromNow:N`.
 */
export const filterConditionSchema = z
  .object({
    field: z.string().min(1).max(200),
    op: z.enum(filterOpList),
    value: z.unknown().optional(),
  })
  .strict();
export type FilterCondition = z.infer<typeof filterConditionSchema>;

/** A filter is a condition or an `or` group of conditions; the list itself is AND-ed. */
export const filterSchema = z.union([
  filterConditionSchema,
  z.object({ or: z.array(filterConditionSchema).min(1).max(20) }).strict(),
]);
export type RecordFilter = z.infer<typeof filterSchema>;

export const sortSchema = z
  .object({ field: z.string().min(1).max(200), direction: z.enum(['asc', 'desc']).default('asc') })
  .strict();
export type RecordSort = z.infer<typeof sortSchema>;

export const MAX_PAGE_SIZE = 200;

export const searchRequestSchema = z
  .object({
    filters: z.array(filterSchema).max(50).default([]),
    sort: z.array(sortSchema).max(5).default([]),
    q: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    after: z.string().max(2000).nullish(),
    /** Totals cost a count: only when asked, exactly or as the planner's estimate. */
    total: z.enum(['exact', 'estimate']).optional(),
  })
  .strict();
export type SearchRequestBody = z.input<typeof searchRequestSchema>;

export const apiNameSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'Use a camelCase name: a lower-case letter, then letters and digits');

export const fieldOptionSchema = z
  .object({
    value: z.string().trim().min(1).max(100),
    label: localizedLabelSchema,
    color: z.string().max(30).optional(),
  })
  .strict();

export const createFieldSchema = z
  .object({
    name: apiNameSchema,
    type: z.enum(customFieldTypes),
    label: localizedLabelSchema,
    description: localizedLabelSchema.optional(),
    options: z.array(fieldOptionSchema).max(500).optional(),
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    indexed: z.boolean().optional(),
    searchable: z.boolean().optional(),
    relation: z
      .object({ object: z.string().min(1).max(64) })
      .strict()
      .optional(),
  })
  .strict();
export type CreateFieldInput = z.infer<typeof createFieldSchema>;

/** Name and type never change (data would silently reinterpret); `retired: false` brings a field back. */
export const updateFieldSchema = z
  .object({
    label: localizedLabelSchema.optional(),
    description: localizedLabelSchema.nullable().optional(),
    options: z.array(fieldOptionSchema).max(500).optional(),
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    indexed: z.boolean().optional(),
    searchable: z.boolean().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    retired: z.literal(false).optional(),
  })
  .strict();
export type UpdateFieldInput = z.infer<typeof updateFieldSchema>;

export const createObjectSchema = z
  .object({
    name: apiNameSchema,
    label: localizedLabelSchema,
    pluralLabel: localizedLabelSchema,
    description: localizedLabelSchema.optional(),
  })
  .strict();
export type CreateObjectInput = z.infer<typeof createObjectSchema>;

export const updateObjectSchema = z
  .object({
    label: localizedLabelSchema.optional(),
    pluralLabel: localizedLabelSchema.optional(),
    description: localizedLabelSchema.nullable().optional(),
  })
  .strict();

export const stageInputSchema = z
  .object({
    id: z.string().uuid().optional(),
    name: z.string().trim().min(1).max(100),
    label: localizedLabelSchema.optional(),
    probability: z.number().int().min(0).max(100),
    kind: z.enum(['open', 'won', 'lost']).default('open'),
  })
  .strict();

export const createPipelineSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    label: localizedLabelSchema.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullish(),
    isDefault: z.boolean().optional(),
    stages: z.array(stageInputSchema).min(1).max(50),
  })
  .strict();
export type CreatePipelineInput = z.infer<typeof createPipelineSchema>;

/** `stages`, when given, is the whole ordered list: stages left out are archived. */
export const updatePipelineSchema = createPipelineSchema.partial().strict();
export type UpdatePipelineInput = z.infer<typeof updatePipelineSchema>;

export const savedViewInputSchema = z
  .object({
    object: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    filters: z.array(filterSchema).max(50).default([]),
    sort: z.array(sortSchema).max(5).default([]),
    columns: z.array(z.string().min(1).max(200)).max(100).default([]),
    shared: z.boolean().default(false),
  })
  .strict();
export type SavedViewInput = z.input<typeof savedViewInputSchema>;

export const updateSavedViewSchema = savedViewInputSchema.omit({ object: true }).partial().strict();

export const batchRequestSchema = z
  .object({
    create: z.array(z.record(z.string(), z.unknown())).max(100).optional(),
    update: z
      .array(z.object({ id: z.string().uuid(), ifMatch: z.number().int().optional() }).catchall(z.unknown()))
      .max(100)
      .optional(),
    delete: z.array(z.string().uuid()).max(100).optional(),
  })
  .strict();
export type BatchRequest = z.infer<typeof batchRequestSchema>;

export const convertLeadSchema = z
  .object({
    companyId: z.string().uuid().optional(),
    contactId: z.string().uuid().optional(),
    ownerId: z.string().uuid().optional(),
    createDeal: z
      .object({
        name: z.string().trim().min(1).max(300).optional(),
        amount: z.object({ amount: z.string(), currency: z.string() }).strict().optional(),
        pipelineId: z.string().uuid().optional(),
        stageId: z.string().uuid().optional(),
        closeDate: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ConvertLeadInput = z.infer<typeof convertLeadSchema>;

export const recycleBinSettingsSchema = z
  .object({ retentionDays: z.number().int().min(1).max(3650) })
  .strict();
