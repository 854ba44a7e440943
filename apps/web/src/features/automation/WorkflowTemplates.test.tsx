// The workflow templates against the real server: each one picked in the new-workflow builder and
// saved as it comes is accepted, and saved with the trigger and actions it promises — R18's
// renewal reminder on the contracts object's end date (-P30D), a stage change mailed to the
// deal's owner, and a lead score crossing 50 (`when` + `previously`) making a task.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin } from '../../../test/render';
import { ApiError, api } from '../../api/client';
import { WorkflowsSettings } from './WorkflowsSettings';

interface Wf {
  id: string;
  name: string;
  trigger: Record<string, unknown>;
  actions: Record<string, unknown>[];
}

let me: Me;
const ignoreConflict = (err: unknown) => {
  if (!(err instanceof ApiError) || err.status !== 409) throw err;
};
beforeAll(async () => {
  me = await signInAsAdmin();
  // There is no built-in contracts object: R18's workspace makes one with an end date.
  await api
    .post('/api/v1/schema/objects', {
      name: 'contracts',
      label: { en: 'Contract', 'zh-CN': '合同' },
      pluralLabel: { en: 'Contracts', 'zh-CN': '合同' },
    })
    .catch(ignoreConflict);
  await api
    .post('/api/v1/schema/objects/contracts/fields', {
      name: 'endDate',
      type: 'date',
      label: { en: 'End date', 'zh-CN': '到期日' },
    })
    .catch(ignoreConflict);
});

async function saveFromTemplate(template: string): Promise<Wf> {
  const before = new Set((await api.get<{ data: Wf[] }>('/api/v1/workflows')).data.map((w) => w.id));
  const view = renderApp(<WorkflowsSettings />, { me });
  const user = userEvent.setup();
  await user.click(await within(view.container).findByRole('button', { name: 'New workflow' }));
  const form = within(view.container).getByRole('form', { name: 'New workflow' });
  const picker = await waitFor(() => {
    const el = within(form)
      .getAllByLabelText('Start from a template')
      .find((e) => e.tagName === 'INPUT') as HTMLInputElement;
    expect(el.disabled).toBe(false);
    return el;
  });
  await user.click(picker);
  await user.click(await within(form).findByRole('option', { name: template }));
  await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
  let saved: Wf | undefined;
  await waitFor(async () => {
    saved = (await api.get<{ data: Wf[] }>('/api/v1/workflows')).data.find((w) => !before.has(w.id));
    expect(saved).toBeTruthy();
  });
  expect(await within(view.container).findByRole('article', { name: saved!.name })).toBeTruthy();
  view.unmount();
  return saved!;
}

describe('workflow templates', () => {
  it('renewal reminder: a high-priority task for the owner 30 days before the contract ends', async () => {
    const wf = await saveFromTemplate('Renewal reminder');
    expect(wf.name).toBe('Renewal reminder');
    expect(wf.trigger).toEqual({
      event: 'date.reached',
      object: 'contracts',
      field: 'endDate',
      offset: '-P30D',
    });
    expect(wf.actions).toEqual([
      {
        type: 'createTask',
        subject: 'Renew {{record.name}} (ends {{record.endDate}})',
        dueIn: 'P7D',
        assignTo: 'owner',
        priority: 'high',
      },
    ]);
  });

  it('deal stage changed: an email to the owner', async () => {
    const wf = await saveFromTemplate('Deal stage changed → notify the owner');
    expect(wf.trigger).toEqual({ event: 'stage.changed', object: 'deals' });
    expect(wf.actions).toEqual([
      {
        type: 'sendEmail',
        to: 'owner',
        subject: '{{deal.name}} moved to another stage',
        body: 'Hello {{owner.firstName}},\n\n{{deal.name}} ({{deal.amount}}) has moved to another stage.',
      },
    ]);
  });

  it('lead score crosses 50: a follow-up task, only on the crossing', async () => {
    const wf = await saveFromTemplate('Lead score crosses 50 → task');
    expect(wf.trigger).toEqual({
      event: 'record.updated',
      object: 'leads',
      when: [{ field: 'score', op: 'gte', value: 50 }],
      previously: [{ field: 'score', op: 'lt', value: 50 }],
    });
    expect(wf.actions).toEqual([
      {
        type: 'createTask',
        subject: 'Follow up {{lead.firstName}} {{lead.lastName}}: score {{lead.score}}',
        dueIn: 'P1D',
        assignTo: 'owner',
      },
    ]);
  });

  it('blank workflow empties the form again', async () => {
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    const form = screen.getByRole('form', { name: 'New workflow' });
    const picker = () =>
      within(form)
        .getAllByLabelText('Start from a template')
        .find((e) => e.tagName === 'INPUT') as HTMLInputElement;
    await waitFor(() => expect(picker().disabled).toBe(false));
    await user.click(picker());
    await user.click(await within(form).findByRole('option', { name: 'Lead score crosses 50 → task' }));
    const name = within(form)
      .getAllByLabelText(/^Name/)
      .find((e) => e.tagName === 'INPUT') as HTMLInputElement;
    expect(name.value).toBe('Lead score crosses 50 → task');
    await user.click(picker());
    await user.click(await within(form).findByRole('option', { name: 'Blank workflow' }));
    expect(name.value).toBe('');
  });
});
