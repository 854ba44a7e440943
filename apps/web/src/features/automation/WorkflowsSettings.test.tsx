// The workflows screen against the real server: a workflow shows its trigger and actions, the
// switch pauses and re-activates it on the server, and its run history opens (empty here: the
// component-test server runs no background workers, so no run is ever made).
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { WorkflowsSettings } from './WorkflowsSettings';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

describe('workflows settings', () => {
  it('shows a workflow, pauses and re-activates it, and opens its run history', async () => {
    const name = `Big deal ${unique()}`;
    const wf = await api.post<{ id: string }>('/api/v1/workflows', {
      name,
      trigger: {
        event: 'record.updated',
        object: 'deals',
        when: [{ field: 'amount', op: 'gte', value: '20000' }],
        previously: [{ field: 'amount', op: 'lt', value: '20000' }],
      },
      actions: [{ type: 'createTask', subject: 'Call about {{deal.name}}', dueIn: 'P1D' }],
    });
    renderApp(<WorkflowsSettings />, { me });
    const card = await screen.findByRole('article', { name });
    expect(card.textContent).toContain('record.updated');
    expect(card.textContent).toContain('2 conditions');
    expect(within(card).getByText('createTask')).toBeTruthy();
    const toggle = within(card).getByRole('switch', { name: 'Active' }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);

    const user = userEvent.setup();
    await user.click(toggle);
    await waitFor(async () =>
      expect((await api.get<{ active: boolean }>(`/api/v1/workflows/${wf.id}`)).active).toBe(false),
    );
    await waitFor(() =>
      expect((within(card).getByRole('switch', { name: 'Active' }) as HTMLInputElement).checked).toBe(false),
    );
    await user.click(within(card).getByRole('switch', { name: 'Active' }));
    await waitFor(async () =>
      expect((await api.get<{ active: boolean }>(`/api/v1/workflows/${wf.id}`)).active).toBe(true),
    );

    await user.click(within(card).getByRole('button', { name: 'Run history' }));
    expect(await within(card).findByText('No runs yet')).toBeTruthy();
  });
});
