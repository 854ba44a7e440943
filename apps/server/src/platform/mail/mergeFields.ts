// Merge fields in email subjects and bodies: {{contact.firstName}}, {{owner.name}},
// {{contact.firstName || "there"}}. Values are HTML-escaped in HTML bodies, so a contact named
// "<script>" stays text; a missing value renders empty (or the fallback), never "undefined".

export const mergeRoots = [
  'contact',
  'lead',
  'company',
  'deal',
  'record',
  'owner',
  'sender',
  'workspace',
  'unsubscribeUrl',
] as const;
export type MergeRoot = (typeof mergeRoots)[number];
export type MergeContext = Partial<Record<MergeRoot, unknown>>;

// {{ path }} or {{ path || "fallback" }}; anything else between braces is a mistake we report.
const tokenRe = /\{\{([\s\S]*?)\}\}/g;
const innerRe = /^\s*([A-Za-z][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|\|\s*"([^"{}]*)"\s*)?$/;

interface Token {
  path: string[];
  fallback: string;
}

function parseToken(inner: string): Token | null {
  const m = innerRe.exec(inner);
  if (!m) return null;
  return { path: m[1]!.split('.'), fallback: m[2] ?? '' };
}

/** Problems in a template (bad syntax, unknown roots), as messages naming the merge field. */
export function templateProblems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(tokenRe)) {
    const t = parseToken(m[1]!);
    if (!t) {
      out.push(
        `"${m[0]}" is not a merge field: write {{contact.firstName}} or {{contact.firstName || "there"}}`,
      );
    } else if (!(mergeRoots as readonly string[]).includes(t.path[0]!)) {
      out.push(`"${m[0]}" starts with an unknown name; use one of ${mergeRoots.join(', ')}`);
    }
  }
  const opens = (text.match(/\{\{/g) ?? []).length;
  const closes = (text.match(/\}\}/g) ?? []).length;
  if (opens !== closes) out.push('A merge field is missing its closing }} or opening {{');
  return out;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function lookup(ctx: MergeContext, path: string[]): unknown {
  let v: unknown = ctx;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** How one value reads in a message: money as "1234.50 CNY", lists joined, objects not at all. */
export function formatMergeValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(formatMergeValue).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.amount === 'string' && typeof o.currency === 'string') return `${o.amount} ${o.currency}`;
    if (typeof o.name === 'string') return o.name;
  }
  return '';
}

export function renderTemplate(text: string, ctx: MergeContext, opts: { html: boolean }): string {
  return text.replace(tokenRe, (whole, inner: string) => {
    const t = parseToken(inner);
    if (!t) return opts.html ? escapeHtml(whole) : whole;
    const value = formatMergeValue(lookup(ctx, t.path)) || t.fallback;
    return opts.html ? escapeHtml(value) : value;
  });
}

/** Plain text as HTML: escaped, paragraphs and line breaks kept, bare links made clickable. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => {
      const escaped = escapeHtml(p).replace(/\n/g, '<br>');
      return `<p>${escaped.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`;
    })
    .join('\n');
}

/** A rough plain-text version of an HTML body for the text/plain part. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
