// The outbox against the real server: a message just sent shows with its status and attempts,
// the status and direction filters go to the server (and into the URL), and a filter that
// excludes the message leaves it out.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { OutboxPage } from './OutboxPage';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

describe('outbox', () => {
  it('shows a sent message with its status and follows the direction and status filters', async () => {
    const subject = `Quote ${unique()}`;
    const email = await api.post<{ id: string; status: string }>('/api/v1/emails', {
      to: ['buyer@example.test'],
      subject,
      body: 'Here is the quote.',
    });
    const { router } = renderApp(<OutboxPage />, { me, path: '/emails' });
    const row = await screen.findByTestId(`email-${email.id}`);
    expect(row.textContent).toContain(subject);
    expect(row.textContent).toContain('buyer@example.test');
    // The status the server reports for it, whatever the test server's SMTP setup made of it.
    const current = await api.get<{ status: string; attempts: number }>(`/api/v1/emails/${email.id}`);
    const statusLabel = { queued: 'Queued', sent: 'Sent', failed: 'Failed', received: 'Received' }[
      current.status
    ] as string;
    expect(within(row).getByText(statusLabel)).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Incoming' }));
    await waitFor(() => expect(screen.queryByTestId(`email-${email.id}`)).toBeNull());
    expect(router.state.location.search).toBe('?direction=in');

    await user.click(screen.getByRole('radio', { name: 'Outgoing' }));
    await user.click(screen.getByRole('radio', { name: statusLabel }));
    expect(await screen.findByTestId(`email-${email.id}`)).toBeTruthy();
    expect(router.state.location.search).toBe(`?direction=out&status=${current.status}`);

    const other = current.status === 'failed' ? 'Sent' : 'Failed';
    await user.click(screen.getByRole('radio', { name: other }));
    await waitFor(() => expect(screen.queryByTestId(`email-${email.id}`)).toBeNull());
  });
});
