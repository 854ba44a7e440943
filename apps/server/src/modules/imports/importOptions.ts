// The `options` part of an import upload (JSON). Unknown keys are refused so a typo ("onmatch")
// never silently falls back to a default.
import { z } from 'zod';
import { delimiterCandidates } from '../../platform/files/delimiter';

export const onMatchValues = ['update', 'skip', 'create'] as const;

export const importOptionsSchema = z
  .object({
    /** Column header (as in the file, repeated headers as "Phone (2)") → field; null ignores the column. */
    mapping: z.record(z.string().max(500), z.string().max(200).nullable()).optional(),
    /**
     * How a row finds the record it describes: alternatives tried in order; each is a field or
     * fields joined by "+" that must all be equal ("email", "firstName+lastName+companyId").
     */
    match: z.array(z.string().min(1).max(500)).max(10).optional(),
    onMatch: z.enum(onMatchValues).optional(),
    dryRun: z.boolean().optional(),
    /** Read 1/3/2026 as 1 March. */
    dayFirst: z.boolean().optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    /** ISO 3166 region for phone numbers without a country code (default: from the workspace). */
    defaultRegion: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'Use a two-letter region code such as CN or US')
      .optional(),
    /** Create related records named in the file that do not exist yet (a contact's company). */
    createMissing: z.boolean().optional(),
    /** Empty cells clear the field on update (by default they leave it as it is). */
    clearEmpty: z.boolean().optional(),
    /** Override the detected text encoding (utf-8, utf-16le, gb18030, …). */
    encoding: z.string().max(40).optional(),
    delimiter: z.enum(delimiterCandidates).optional(),
    /** XLSX: the sheet to read, by name or 1-based position (default: the first). */
    sheet: z.union([z.string().min(1).max(100), z.number().int().min(1).max(1000)]).optional(),
    /** Run as a background job whatever the file size (large files always do). */
    background: z.boolean().optional(),
  })
  .strict();

export type ImportOptions = z.infer<typeof importOptionsSchema>;
