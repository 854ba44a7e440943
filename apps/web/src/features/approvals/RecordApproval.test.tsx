// A record page's approval against the real server: "Submit for approval" with a comment creates
// the request; the header then shows it pending with its step and approver, and the process's
// locked field is listed and no longer offered in the section form. A record outside the entry
// criteria gets the server's refusal in the dialog, with the comment kept.
import type { Me, Pipeline, RecordBase } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { RecordPage } from '../records/RecordPage';
import type { RecordApproval } from './recordApproval';

let me: Me;
let pipeline: Pipeline;
beforeAll(async () => {
  me = await signInAsAdmin();
  pipeline = (await api.get<{ data: Pipeline[] }>('/api/v1/pipelines')).data[0]!;
});

async function setup(dealName: string, criteriaName: string) {
  const processName = `Big deal check ${unique()}`;
  const process = await api.post<{ id: string }>('/api/v1/approval-processes', {
    name: processName,
    object: 'deals',
    entryCriteria: [{ field: 'name', op: 'eq', value: criteriaName }],
    steps: [{ approver: `user:${me.user.id}` }],
    lockedFields: ['amount'],
  });
  const deal = await api.post<RecordBase>('/api/v1/objects/deals', {
    name: dealName,
    amount: { amount: '5000', currency: me.workspace.currency },
    pipelineId: pipeline.id,
    stageId: pipeline.stages[0]!.id,
  });
  renderApp(<RecordPage />, { me, path: `/deals/${deal.id}`, route: '/:object/:id' });
  return { process, processName, deal };
}

/** Opens the dialog, picks the process when there are several for deals, types the comment. */
async function submitWith(processName: string, comment: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Submit for approval' }));
  const dialog = await screen.findByRole('dialog');
  const select = within(dialog).queryByRole('textbox', { name: 'Approval process' });
  if (select) {
    await user.click(select);
    await user.click(await screen.findByRole('option', { name: processName }));
  }
  await user.type(within(dialog).getByLabelText('Comment (optional)'), comment);
  await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
  return { user, dialog };
}

describe('submit for approval from the record page', () => {
  it('submits with a comment, then shows the pending step, its approver and the locked field', async () => {
    const name = `Mega ${unique()}`;
    const { process, processName, deal } = await setup(name, name);
    await submitWith(processName, 'Needs a 20% discount');
    const status = await screen.findByTestId('approval-status');
    await waitFor(() => expect(status.textContent).toContain('Approval pending'));
    expect(status.textContent).toContain('Step 1 of 1');
    expect(status.textContent).toContain(`Waiting for ${me.user.name}`);
    expect(status.textContent).toContain('Locked while the approval is pending: Amount');
    expect(screen.queryByRole('button', { name: 'Submit for approval' })).toBeNull();

    const history = await api.get<{ data: RecordApproval[] }>(`/api/v1/objects/deals/${deal.id}/approvals`);
    expect(history.data[0]).toMatchObject({
      process: { id: process.id },
      status: 'pending',
      comment: 'Needs a 20% discount',
      lockedFields: ['amount'],
    });

    // The section holding the amount no longer offers it for editing; its other fields still are.
    const user = userEvent.setup();
    const section = screen
      .getAllByRole('region')
      .find(
        (r) =>
          r.tagName === 'SECTION' &&
          /Amount/.test(r.textContent ?? '') &&
          within(r).queryByRole('button', { name: /^Edit / }),
      )!;
    await user.click(within(section).getByRole('button', { name: /^Edit / }));
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Save' })).toBeTruthy());
    expect(within(section).queryByRole('textbox', { name: /^Amount/ })).toBeNull();
    expect(section.textContent).toContain('Amount');
    expect(within(section).getAllByRole('textbox').length).toBeGreaterThan(0);
  });

  it('shows the server refusal when the record does not qualify, keeping the comment', async () => {
    const name = `Small ${unique()}`;
    const { processName } = await setup(name, `not ${name}`);
    const { dialog } = await submitWith(processName, 'Please look at it');
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toMatch(/entry criteria/);
    expect((within(dialog).getByLabelText('Comment (optional)') as HTMLTextAreaElement).value).toBe(
      'Please look at it',
    );
    expect(screen.queryByTestId('approval-status')).toBeNull();
  });
});
