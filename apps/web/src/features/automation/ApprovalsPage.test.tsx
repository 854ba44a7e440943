// The approvals inbox against the real server: a request waiting for me shows with what was
// submitted; approving with a comment records both; a decision the server refuses (the request
// was decided elsewhere meanwhile) shows the server's reason and keeps the comment typed.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAs, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import type { Approval } from './approvalsApi';
import { ApprovalsPage } from './ApprovalsPage';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

/** A company submitted for approval through a one-step process whose approver is the admin. */
async function submitted(name: string, comment?: string) {
  const process = await api.post<{ id: string }>('/api/v1/approval-processes', {
    name: `Discount check ${unique()}`,
    object: 'companies',
    steps: [{ approver: `user:${me.user.id}` }],
  });
  const company = await api.post<{ id: string }>('/api/v1/objects/companies', { name });
  const request = await api.post<Approval>(`/api/v1/objects/companies/${company.id}/approvals`, {
    processId: process.id,
    ...(comment ? { comment } : {}),
  });
  return { company, request };
}

describe('approvals inbox', () => {
  it('lists a request waiting for me and approves it with a comment', async () => {
    const name = `Acme ${unique()}`;
    const { request } = await submitted(name, 'Ten percent off the first year');
    renderApp(<ApprovalsPage />, { me });
    const card = await screen.findByRole('article', { name });
    expect(card.textContent).toContain('Ten percent off the first year');
    const user = userEvent.setup();
    await user.type(within(card).getByLabelText(/^Your comment/), 'Fine for a two-year contract');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    // Decided requests leave the inbox.
    await waitFor(() => expect(screen.queryByRole('article', { name })).toBeNull());
    const after = await api.get<Approval>(`/api/v1/approvals/${request.id}`);
    expect(after.status).toBe('approved');
    expect(after.steps[0]).toMatchObject({
      decision: 'approved',
      comment: 'Fine for a two-year contract',
      decidedBy: me.user.id,
    });
  });

  it('shows the server refusal and keeps the comment when the request was decided meanwhile', async () => {
    const name = `Globex ${unique()}`;
    const { request } = await submitted(name);
    renderApp(<ApprovalsPage />, { me });
    const card = await screen.findByRole('article', { name });
    // Someone (here: the same approver in another tab) approves it before this page does.
    await api.post(`/api/v1/approvals/${request.id}/approve`, { comment: 'from the other tab' });
    const user = userEvent.setup();
    await user.type(within(card).getByLabelText(/^Your comment/), 'Too generous');
    await user.click(within(card).getByRole('button', { name: 'Reject' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('already approved');
    expect((within(card).getByLabelText(/^Your comment/) as HTMLTextAreaElement).value).toBe('Too generous');
    const after = await api.get<Approval>(`/api/v1/approvals/${request.id}`);
    expect(after.status).toBe('approved');
    expect(after.steps[0]?.comment).toBe('from the other tab');
  });

  it('says so when nothing is waiting', async () => {
    // A fresh sales rep has no approvals assigned.
    const rep = await signInAs('rep');
    renderApp(<ApprovalsPage />, { me: rep });
    expect(await screen.findByText('Nothing is waiting for you')).toBeTruthy();
    await signInAsAdmin();
  });
});
