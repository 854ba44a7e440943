// Yes/no cells in English and Chinese, as exported by Excel (TRUE/FALSE), Salesforce (1/0) and
// people (是/否, ✓).
import { type Coerced, fail, halfWidth, ok } from './result';

const truthy = new Set([
  'true',
  'yes',
  'y',
  '1',
  'on',
  'x',
  '✓',
  '✔',
  'checked',
  '是',
  '对',
  '有',
  '真',
  '√',
  't',
]);
const falsy = new Set([
  'false',
  'no',
  'n',
  '0',
  'off',
  '✗',
  '✘',
  'unchecked',
  '否',
  '错',
  '无',
  '没有',
  '假',
  '×',
  'f',
]);

export function coerceBoolean(text: string): Coerced<boolean> {
  const s = halfWidth(text).trim().toLowerCase();
  if (truthy.has(s)) return ok(true);
  if (falsy.has(s)) return ok(false);
  return fail(`"${text}" is not yes or no; use yes/no, true/false or 是/否`);
}
