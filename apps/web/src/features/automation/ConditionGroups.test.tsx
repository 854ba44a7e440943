// "Any of" groups (the server's `{ or: [...] }` in a condition list) in the workflow builder,
// against the real server: a saved group survives an edit of something else unchanged; a group
// built from the controls is saved as `{ or: [...] }` after the plain rows; a removed group is gone
// from the saved workflow; and the draft ⇄ API conversion keeps groups apart from rows.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { groupPath, listFromDraft, toDraft } from './ConditionRows';
import { WorkflowsSettings } from './WorkflowsSettings';

interface Wf {
  id: string;
  name: string;
  trigger: { when?: unknown[]; previously?: unknown[] } & Record<string, unknown>;
}

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

type User = ReturnType<typeof userEvent.setup>;

function input(scope: HTMLElement, label: string | RegExp): HTMLInputElement {
  const el = within(scope)
    .getAllByLabelText(label)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!el) throw new Error(`no input labelled ${label}`);
  return el as HTMLInputElement;
}

async function choose(user: User, scope: HTMLElement, label: string, option: string) {
  await user.click(input(scope, label));
  await user.click(await within(scope).findByRole('option', { name: option }));
}

const getWf = (id: string) => api.get<Wf>(`/api/v1/workflows/${id}`);

const grouped = [
  { field: 'firstName', op: 'eq', value: 'Li' },
  {
    or: [
      { field: 'city', op: 'eq', value: 'Beijing' },
      { field: 'city', op: 'eq', value: 'Shanghai' },
    ],
  },
];

describe('draft ⇄ API conditions', () => {
  it('keeps "any of" groups apart from rows and writes them back as { or }', () => {
    const d = toDraft(grouped);
    expect(d.rows).toEqual([{ field: 'firstName', op: 'eq', value: 'Li' }]);
    expect(d.groups).toEqual([
      [
        { field: 'city', op: 'eq', value: 'Beijing' },
        { field: 'city', op: 'eq', value: 'Shanghai' },
      ],
    ]);
    expect(listFromDraft(d.rows, d.groups, [])).toEqual(grouped);
    // An emptied group is not sent (the server refuses an empty `or`), and the errors of the
    // groups after it point where that group's conditions went.
    const groups = [[], ...d.groups];
    expect(listFromDraft(d.rows, groups, [])).toEqual(grouped);
    expect(groupPath('trigger.when', d.rows, groups, 1)).toBe('trigger.when.1.or');
  });
});

describe('"any of" groups in the workflow builder', () => {
  it('round-trips a saved group through an edit of the name', async () => {
    const name = `Any of ${unique()}`;
    const wf = await api.post<Wf>('/api/v1/workflows', {
      name,
      trigger: { event: 'record.updated', object: 'contacts', when: grouped },
      actions: [{ type: 'createTask', subject: 'Call' }],
    });
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: `Edit “${name}”` });
    const group = within(form).getByRole('group', { name: 'Condition (any of 1)' });
    expect(input(group, 'Condition (any of 1) 2: value').value).toBe('Shanghai');
    await user.clear(input(form, /^Name/));
    await user.type(input(form, /^Name/), `${name} (2)`);
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await screen.findByRole('article', { name: `${name} (2)` });
    expect((await getWf(wf.id)).trigger.when).toEqual(grouped);
  });

  it('adds a group with two conditions, then removes it', async () => {
    const name = `New any of ${unique()}`;
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    let form = screen.getByRole('form', { name: 'New workflow' });
    await user.type(input(form, /^Name/), name);
    await choose(user, form, 'Object', 'Contacts');
    await user.type(input(form, 'Subject'), 'Welcome');
    const when = within(form).getByRole('group', { name: 'Condition' });
    await user.click(within(when).getByRole('button', { name: 'Add condition' }));
    await choose(user, when, 'Condition 1: field', 'First name');
    await choose(user, when, 'Condition 1: operator', 'is');
    await user.type(input(when, 'Condition 1: value'), 'Li');
    await user.click(within(when).getByRole('button', { name: 'Add “any of” group' }));
    const group = within(when).getByRole('group', { name: 'Condition (any of 1)' });
    await choose(user, group, 'Condition (any of 1) 1: field', 'City');
    await choose(user, group, 'Condition (any of 1) 1: operator', 'is');
    await user.type(input(group, 'Condition (any of 1) 1: value'), 'Beijing');
    await user.click(within(group).getByRole('button', { name: 'Add condition to Condition (any of 1)' }));
    await choose(user, group, 'Condition (any of 1) 2: field', 'City');
    await choose(user, group, 'Condition (any of 1) 2: operator', 'is');
    await user.type(input(group, 'Condition (any of 1) 2: value'), 'Shanghai');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));

    const card = await screen.findByRole('article', { name });
    const saved = (await api.get<{ data: Wf[] }>('/api/v1/workflows')).data.find((w) => w.name === name)!;
    expect(saved.trigger.when).toEqual(grouped);
    expect(card.textContent).toContain('2 conditions');

    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    form = screen.getByRole('form', { name: `Edit “${name}”` });
    await user.click(within(form).getByRole('button', { name: 'Remove Condition (any of 1)' }));
    expect(within(form).queryByRole('group', { name: 'Condition (any of 1)' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(async () =>
      expect((await getWf(saved.id)).trigger.when).toEqual([{ field: 'firstName', op: 'eq', value: 'Li' }]),
    );
  });
});
