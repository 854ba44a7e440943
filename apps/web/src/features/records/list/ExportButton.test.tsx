// The list's export link against the real server: a view whose filters have an "or" group (and
// the same field twice) exports, and the file holds exactly the rows the list shows.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../api/client';
import type { ListQuery } from '../../../api/records';
import { renderApp, signInAsAdmin, unique } from '../../../../test/render';
import { ExportButton } from './ExportButton';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

describe('export button', () => {
  it('exports a view with an "or" group, as the list filters it', async () => {
    const tag = unique();
    for (const [firstName, title] of [
      ['Ada', 'Chair'],
      ['Grace', 'Admiral'],
      ['Linus', 'Chair'],
    ])
      await api.post('/api/v1/objects/contacts', { firstName, lastName: `Export ${tag}`, title });
    const query: ListQuery = {
      filters: [
        { field: 'lastName', op: 'eq', value: `Export ${tag}` },
        {
          or: [
            { field: 'firstName', op: 'eq', value: 'Ada' },
            { field: 'title', op: 'eq', value: 'Admiral' },
          ],
        },
        { field: 'firstName', op: 'neq', value: 'Nobody' },
        { field: 'firstName', op: 'neq', value: 'Someone' },
      ],
      sort: [{ field: 'firstName', direction: 'asc' }],
    };
    renderApp(<ExportButton object="contacts" query={query} />, { me });
    const link = screen.getByRole('link', { name: 'Export CSV' });
    expect(link.getAttribute('aria-disabled')).toBeNull();
    const href = link.getAttribute('href')!;
    expect(new URL(href, 'http://x').searchParams.get('filters')).toBe(JSON.stringify(query.filters));

    const res = await api.get<Response>(href, { raw: true });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Ada');
    expect(lines[2]).toContain('Grace');
    // The list itself finds the same two.
    const list = await api.post<{ total: number }>('/api/v1/objects/contacts/search', {
      filters: query.filters,
      total: 'exact',
    });
    expect(list.total).toBe(2);
  });
});
