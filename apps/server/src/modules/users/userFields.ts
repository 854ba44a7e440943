// Field schemas for people: display names, email addresses, passwords. Control characters are
// refused in names (they break CSV exports and terminals); emoji and any script are welcome.
import { z } from 'zod';
import { passwordProblems } from '../../platform/auth/passwords';

/** A lone UTF-16 surrogate cannot be stored as UTF-8: the driver would silently swap in U+FFFD. */
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

export const displayName = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `Use at most ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters')
    .refine(wellFormed, 'Must be valid Unicode (a lone surrogate half is not)');

export const emailAddress = z
  .string()
  .trim()
  .max(320, 'Use at most 320 characters')
  .pipe(z.email('Not a valid email address'))
  .transform((e) => e.toLowerCase());

export const newPassword = z.string().superRefine((p, ctx) => {
  const problem = passwordProblems(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const signature = z
  .string()
  .max(5000, 'Use at most 5000 characters')
  .refine(wellFormed, 'Must be valid Unicode (a lone surrogate half is not)');
