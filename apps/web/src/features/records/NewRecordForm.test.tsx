// Creating a record with the real server's rules: its field errors appear next to their fields
// (opening "more fields" when needed), nothing typed is lost, and a good save opens the record.
import type { Me, ObjectMeta } from '@rapport/contracts/apiTypes';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../api/client';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { NewRecordForm } from './NewRecordModal';

let me: Me;
let companies: ObjectMeta;
beforeAll(async () => {
  me = await signInAsAdmin();
  companies = await api.get<ObjectMeta>('/api/v1/schema/objects/companies');
});

function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

describe('new record form', () => {
  it('shows the server field errors next to their fields and keeps every value', async () => {
    renderApp(<NewRecordForm meta={companies} onClose={() => {}} />, { me });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Domain'), 'acme.example');
    await user.click(screen.getByRole('button', { name: /Show \d+ more fields/ }));
    await user.type(screen.getByLabelText('Employees'), '-5');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const employees = screen.getByLabelText('Employees');
    await waitFor(() => expect(employees.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(employees)).toMatch(/0/);
    expect((screen.getByLabelText('Domain') as HTMLInputElement).value).toBe('acme.example');
    expect((employees as HTMLInputElement).value).toBe('-5');

    // Fix that one: the next refusal (no name) lands under Name, the rest still as typed.
    await user.clear(employees);
    await user.type(employees, '250');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    const name = screen.getByLabelText(/^Name/);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(errorOf(name)).not.toBe('');
    expect(employees.getAttribute('aria-invalid')).toBeNull();
    expect((screen.getByLabelText('Domain') as HTMLInputElement).value).toBe('acme.example');
  });

  it('opens the new record once the server accepts it', async () => {
    const name = `Globex ${unique()}`;
    const { router } = renderApp(<NewRecordForm meta={companies} onClose={() => {}} />, { me });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Name/), name);
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/));
    const id = router.state.location.pathname.split('/').pop()!;
    expect((await api.get<{ name: string }>(`/api/v1/objects/companies/${id}`)).name).toBe(name);
  });
});
