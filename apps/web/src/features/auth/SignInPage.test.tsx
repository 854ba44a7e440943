import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, inject } from 'vitest';
import { cookieJar } from '../../../test/setup';
import { renderApp } from '../../../test/render';
import { SignInPage, safeNext } from './SignInPage';

describe('sign-in form', () => {
  beforeEach(() => cookieJar.clear());

  it('shows the server refusal for a wrong password and keeps what was typed', async () => {
    renderApp(<SignInPage />, { path: '/signin' });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Email/), inject('adminEmail'));
    await user.type(screen.getByLabelText(/^Password/), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('Wrong email or password'),
    );
    expect((screen.getByLabelText(/^Email/) as HTMLInputElement).value).toBe(inject('adminEmail'));
    expect(cookieJar.has('rapport_session')).toBe(false);
  });

  it('signs in with the right password and follows ?next= to the page asked for', async () => {
    const { router } = renderApp(<SignInPage />, {
      path: '/signin?next=%2Fdeals%3Fview%3Dboard',
      route: '/signin',
    });
    fireEvent.change(await screen.findByLabelText(/^Email/), { target: { value: inject('adminEmail') } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: inject('adminPassword') } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(router.state.location.pathname + router.state.location.search).toBe('/deals?view=board'),
    );
    expect(cookieJar.has('rapport_session')).toBe(true);
  });

  it('never follows ?next= off the site', () => {
    expect(safeNext('//evil.example/x')).toBe('/my-day');
    expect(safeNext('https://evil.example')).toBe('/my-day');
    expect(safeNext('/\\evil.example')).toBe('/my-day');
    expect(safeNext('/contacts/1')).toBe('/contacts/1');
    expect(safeNext(null)).toBe('/my-day');
  });
});
