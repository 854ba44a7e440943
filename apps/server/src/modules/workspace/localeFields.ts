// Field schemas for the settings that workspaces, business units and users share: currency,
// time zone, language and fiscal year. Each refuses what it cannot represent, with a reason.
import { IANAZone } from 'luxon';
import { z } from 'zod';

const currencies = new Set(Intl.supportedValuesOf('currency'));

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code such as CNY or USD')
  .refine((c) => currencies.has(c), 'Not an ISO 4217 currency code');

export const timeZoneName = z
  .string()
  .min(1)
  .max(64)
  .refine((z) => IANAZone.isValidZone(z), 'Use an IANA time zone such as Asia/Shanghai or UTC');

/** The languages the product ships in; every label exists in both. */
export const supportedLocales = ['en', 'zh-CN'] as const;
export const localeCode = z.enum(supportedLocales);

export const fiscalMonth = z.number().int().min(1).max(12);
