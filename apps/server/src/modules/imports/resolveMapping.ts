// The mapping an import uses: the user's (checked against the file's columns and the object's
// writable fields) or the automatic one. Errors name the option, so the wizard can point at it.
import type { FieldError } from '../../platform/errors';
import { ValidationError } from '../../platform/errors';
import { autoMap, type ColumnMapping, columnNames, type MappableField, mappableTargets } from './autoMap';
import { FULL_NAME } from './headerSynonyms';
import { socialTargetOf } from './socialTargets';

export function resolveMapping(
  headers: readonly string[],
  fields: readonly MappableField[],
  given: Record<string, string | null> | undefined,
): ColumnMapping[] {
  if (!given) return autoMap(headers, fields);
  const names = columnNames(headers);
  const targets = mappableTargets(fields);
  const errors: FieldError[] = [];
  const byColumn = new Map(names.map((n, i) => [n, i]));
  // Columns may also be named by their 1-based position ("#3"), for files without headers.
  const indexOf = (key: string): number | undefined => {
    const pos = /^#(\d{1,4})$/.exec(key);
    if (pos) {
      const i = Number(pos[1]) - 1;
      return i >= 0 && i < names.length ? i : undefined;
    }
    return byColumn.get(key) ?? byColumn.get(key.trim());
  };
  const out: ColumnMapping[] = names.map((column, index) => ({ index, column, field: null }));
  const seen = new Map<string, string>();
  for (const [key, field] of Object.entries(given)) {
    const index = indexOf(key);
    if (index === undefined) {
      errors.push({ field: `options.mapping.${key}`, message: `The file has no column "${key}"` });
      continue;
    }
    if (field === null || field === '') continue;
    if (!targets.has(field)) {
      const f = fields.find((x) => x.name === field);
      errors.push({
        field: `options.mapping.${key}`,
        message: f ? `${field} is read-only` : `${field} is not a field of this object`,
      });
      continue;
    }
    const other = seen.get(field);
    const f = fields.find((x) => x.name === field);
    // Several columns may fill one text field (joined) or one list field (appended); others once.
    const many =
      f?.type === 'text' ||
      f?.type === 'longText' ||
      (f as { many?: boolean } | undefined)?.many ||
      socialTargetOf(field, (n) => fields.find((x) => x.name === n)?.type) !== null;
    if (other && !many) {
      errors.push({
        field: `options.mapping.${key}`,
        message: `${field} is already filled by the column "${other}"`,
      });
      continue;
    }
    seen.set(field, names[index]!);
    out[index]!.field = field;
  }
  if (seen.has(FULL_NAME) && (seen.has('firstName') || seen.has('lastName'))) {
    errors.push({
      field: 'options.mapping',
      message: 'Map either a whole-name column or first and last name columns, not both',
    });
  }
  if (errors.length) throw new ValidationError(errors, 'The mapping does not fit the file or the object');
  return out;
}
