// A step's subject as a person reads it in a list. Merge fields ({{record.firstName || "there"}})
// are filled from the record when it is at hand, else shown as a placeholder named by the field's
// label ("[First name]"), so no raw braces reach a table. The syntax is the server's
// (platform/mail/mergeFields.ts); anything else between braces is left as written.
const tokenRe = /\{\{([\s\S]*?)\}\}/g;
const innerRe = /^\s*([A-Za-z][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|\|\s*"([^"{}]*)"\s*)?$/;

export interface MergeToken {
  root: string;
  field: string;
  fallback: string;
}

export function fillMerge(text: string, fill: (token: MergeToken) => string): string {
  return text.replace(tokenRe, (raw, inner: string) => {
    const m = innerRe.exec(inner);
    if (!m) return raw;
    const [root = '', ...rest] = m[1]!.split('.');
    return fill({ root, field: rest.join('.'), fallback: m[2] ?? '' });
  });
}

/** "firstName" → "first name": the last resort for a field no metadata names. */
export function humanize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .toLowerCase()
    .trim();
}
