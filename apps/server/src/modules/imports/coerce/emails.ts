// Email addresses: trimmed, "mailto:" and "Name <addr>" unwrapped, the domain lower-cased (the
// local part is case-sensitive in theory, so it is kept as written; matching ignores case).
import { type Coerced, fail, ok } from './result';

// Deliberately practical rather than RFC 5322: one @, no spaces, a dot in the domain.
const emailRe = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\].]{2,}$/;

export function coerceEmail(text: string): Coerced<string> {
  let s = text.trim().replace(/^mailto:/i, '');
  const angle = /<([^<>]+)>\s*$/.exec(s);
  if (angle) s = angle[1]!.trim();
  if (/[;,\s]/.test(s) && s.split(/[;,\s]+/).filter(Boolean).length > 1) {
    return fail(`"${text}" holds more than one address; keep one per cell`);
  }
  if (!emailRe.test(s) || s.length > 254) return fail(`"${text}" is not an email address`);
  const at = s.lastIndexOf('@');
  return ok(`${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`);
}
