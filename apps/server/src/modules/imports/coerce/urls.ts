// Web addresses: "example.com" and "www.example.com/x" gain https://; only http(s) is accepted.
import { type Coerced, fail, ok } from './result';

export function coerceUrl(text: string): Coerced<string> {
  const s = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return fail(`"${text}" is not a web address`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.')) {
    return fail(`"${text}" is not a web address`);
  }
  return ok(u.toString());
}

/** A bare domain ("example.com") from a URL or an email address, for company domains. */
export function coerceDomain(text: string): Coerced<string> {
  const s = text.trim().toLowerCase();
  const fromEmail = /@([^@\s]+)$/.exec(s)?.[1];
  const candidate = fromEmail ?? s;
  const u = coerceUrl(candidate);
  if (!u.ok) return fail(`"${text}" is not a domain`);
  return ok(new URL(u.value).hostname.replace(/^www\./, ''));
}
