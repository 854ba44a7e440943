import { z } from 'zod';
import { displayName, emailAddress, newPassword } from '../users/userFields';
import { currencyCode, fiscalMonth, localeCode, timeZoneName } from '../workspace/localeFields';

export const setupBody = z
  .object({
    company: displayName(200),
    currency: currencyCode,
    timeZone: timeZoneName,
    locale: localeCode,
    fiscalYearStartMonth: fiscalMonth.optional(),
    admin: z.object({ name: displayName(), email: emailAddress, password: newPassword }).strict(),
    demo: z.boolean().optional(),
  })
  .strict();
export type SetupInput = z.infer<typeof setupBody>;
