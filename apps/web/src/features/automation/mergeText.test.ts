import { describe, expect, it } from 'vitest';
import { fillMerge, humanize } from './mergeText';

describe('fillMerge', () => {
  it('hands each merge field, with its fallback, to the filler and keeps the rest', () => {
    const seen: unknown[] = [];
    const out = fillMerge('Hi {{record.firstName || "there"}}, {{ owner.name }} {{bad syntax}}', (t) => {
      seen.push(t);
      return `<${t.root}:${t.field}>`;
    });
    expect(out).toBe('Hi <record:firstName>, <owner:name> {{bad syntax}}');
    expect(seen).toEqual([
      { root: 'record', field: 'firstName', fallback: 'there' },
      { root: 'owner', field: 'name', fallback: '' },
    ]);
  });

  it('names a field without metadata in words', () => {
    expect(humanize('firstName')).toBe('first name');
    expect(humanize('unsubscribeUrl')).toBe('unsubscribe url');
  });
});
