// The API keys panel against the real server: a key made with an end date shows its token once,
// works as a Bearer token, is listed with its end date, and is revoked after a confirmation; a bad
// end date is shown at the date field with the name kept.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { type ApiError, api } from '../../api/client';
import { ApiKeys } from './ApiKeys';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

/** The status GET /auth/me answers with this Bearer token. */
const statusWith = (token: string) =>
  api
    .get<Response>('/api/v1/auth/me', {
      headers: { authorization: `Bearer ${token}` },
      raw: true,
      quiet401: true,
    })
    .then(
      (r) => r.status,
      (e: ApiError) => e.status,
    );

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('API keys panel', () => {
  it('creates a key with an end date, shows the token once, and revokes it', async () => {
    const name = `Sync ${unique()}`;
    renderApp(<ApiKeys />, { me });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Name/), name);
    const ends = isoDay(30);
    await user.type(screen.getByLabelText(/^Ends on/), ends);
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const token = (await screen.findByTestId('new-api-key')).textContent!;
    expect(token).toMatch(/^rpk_/);

    // The token is a working credential for the API.
    expect(await statusWith(token)).toBe(200);

    const row = (await screen.findByText(name)).closest('tr')!;
    expect(row.textContent).toContain(token.slice(0, 10));
    expect(row.textContent).toMatch(/ends/);
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('new-api-key')).toBeNull();

    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(within(row).getByRole('button', { name: `Revoke the key "${name}"` }));
    await waitFor(() => expect(screen.queryByText(name)).toBeNull());
    confirm.mockRestore();
    expect(await statusWith(token)).toBe(401);
  });

  it('shows a refused end date at the date field and keeps what was typed', async () => {
    const name = `Old ${unique()}`;
    renderApp(<ApiKeys />, { me });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Name/), name);
    await user.type(screen.getByLabelText(/^Ends on/), isoDay(-3));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    const date = screen.getByLabelText(/^Ends on/);
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(
      document.getElementById(
        date
          .getAttribute('aria-describedby')!
          .split(' ')
          .find((id) => id.includes('error'))!,
      )?.textContent,
    ).toBe('Choose a moment in the future');
    expect((screen.getByLabelText(/^Name/) as HTMLInputElement).value).toBe(name);
    expect(screen.queryByTestId('new-api-key')).toBeNull();
  });
});
