// Select and multi-select cells match an option by its value or by its label in either language,
// ignoring case, spaces and punctuation ("Closed Won", "closed_won" and "赢单" are one option).
import { type Coerced, fail, ok } from './result';

export type Label = string | { en?: string; 'zh-CN'?: string };

export interface SelectOption {
  value: string;
  label?: Label;
}

export const normKey = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.,;:/\\|()[\]{}'"`·・]+/g, '');

function labelsOf(label: Label | undefined): string[] {
  if (!label) return [];
  if (typeof label === 'string') return [label];
  return [label.en, label['zh-CN']].filter((x): x is string => Boolean(x));
}

/** A lookup from every spelling of every option to its value. */
export function optionIndex(options: readonly SelectOption[]): Map<string, string> {
  const idx = new Map<string, string>();
  // Values first: when a label of one option equals the value of another, the value wins.
  for (const o of options) idx.set(normKey(o.value), o.value);
  for (const o of options)
    for (const l of labelsOf(o.label)) if (!idx.has(normKey(l))) idx.set(normKey(l), o.value);
  return idx;
}

function allowed(options: readonly SelectOption[]): string {
  const names = options.slice(0, 12).map((o) => labelsOf(o.label)[0] ?? o.value);
  return names.join(', ') + (options.length > 12 ? ', …' : '');
}

export function coerceSelect(
  text: string,
  options: readonly SelectOption[],
  idx = optionIndex(options),
): Coerced<string> {
  const v = idx.get(normKey(text));
  if (v === undefined) return fail(`"${text.trim()}" is not one of the options (${allowed(options)})`);
  return ok(v);
}

export function coerceMultiSelect(
  text: string,
  options: readonly SelectOption[],
  idx = optionIndex(options),
): Coerced<string[]> {
  const parts = text
    .split(/[;,、|\n；，]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const one = coerceSelect(p, options, idx);
    if (!one.ok) return one;
    if (!out.includes(one.value)) out.push(one.value);
  }
  return ok(out);
}
