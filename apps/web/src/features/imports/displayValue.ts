// A stored value as plain text for the wizard's tables (samples and preview), without a request per
// cell: a dry run's related records may not exist yet, so a link to them would lead nowhere.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function displayValue(value: unknown, linked: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return UUID.test(value) ? linked : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => displayValue(v, linked)).join(', ') || '—';
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('amount' in o && 'currency' in o) return `${o.amount ?? ''} ${o.currency ?? ''}`.trim();
    for (const k of ['name', 'title', 'label', 'handle', 'url'])
      if (typeof o[k] === 'string' && o[k]) return o[k] as string;
    return JSON.stringify(value);
  }
  return String(value);
}
