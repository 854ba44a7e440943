// The workflow builder and the approval process editor against the real server: the R19 workflow
// (a balance crossing 20,000 creates a task) built from the controls and saved as the API's
// trigger/conditions/actions; the server's field errors shown at the control they name with what
// was typed kept; a stale workflow edit refused (If-Match) and saved again on the current version;
// an approval process edited (steps reordered) with If-Match, a stale edit refused;
// and the handler errors panel for admins only.
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAs, signInAsAdmin, unique } from '../../../test/render';
import { ApiError, api } from '../../api/client';
import { WorkflowsSettings } from './WorkflowsSettings';

interface Wf {
  id: string;
  name: string;
  trigger: Record<string, unknown>;
  actions: Record<string, unknown>[];
}

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
  // R19's balance: a money field on contacts (another test file may have added it already).
  try {
    await api.post('/api/v1/schema/objects/contacts/fields', {
      name: 'balance',
      type: 'money',
      label: { en: 'Balance', 'zh-CN': '余额' },
    });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409) throw err;
  }
});

type User = ReturnType<typeof userEvent.setup>;

/** Mantine labels a select's input and its listbox alike: the input is the one to type into. */
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

const workflows = () => api.get<{ data: Wf[] }>('/api/v1/workflows').then((b) => b.data);

/** The settings screen with a button that re-creates it (a new key), as a remount above it would. */
function Remountable() {
  const [n, setN] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setN((x) => x + 1)}>
        remount
      </button>
      <WorkflowsSettings key={n} />
    </>
  );
}

async function openNew(user: User) {
  await user.click(await screen.findByRole('button', { name: 'New workflow' }));
  return screen.getByRole('form', { name: 'New workflow' });
}

describe('workflow builder', () => {
  it('builds and saves R19: when balance >= 20000, previously < 20000, create a task', async () => {
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const form = await openNew(user);
    const name = `Big balance ${unique()}`;
    await user.type(input(form, /^Name/), name);
    await choose(user, form, 'When this happens', 'A record is changed');
    await choose(user, form, 'Object', 'Contacts');

    const when = within(form).getByRole('group', { name: 'Condition' });
    await user.click(within(when).getByRole('button', { name: 'Add condition' }));
    await choose(user, when, 'Condition 1: field', 'Balance');
    await choose(user, when, 'Condition 1: operator', 'at least');
    await user.type(input(when, 'Condition 1: value'), '20000');
    const before = within(form).getByRole('group', { name: 'Before' });
    await user.click(within(before).getByRole('button', { name: 'Add condition' }));
    await choose(user, before, 'Before 1: field', 'Balance');
    await choose(user, before, 'Before 1: operator', 'less than');
    await user.type(input(before, 'Before 1: value'), '20000');

    const action = within(form).getByRole('group', { name: 'Action 1' });
    expect(input(action, 'Action').value).toBe('Create a task');
    // userEvent treats "{" as a key descriptor: "{{" types one brace.
    await user.type(input(action, 'Subject'), 'Call {{{{contact.firstName}}: balance {{{{contact.balance}}');
    await user.clear(input(action, 'Due after'));
    await user.type(input(action, 'Due after'), 'P2D');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));

    let saved: Wf | undefined;
    await waitFor(async () => {
      saved = (await workflows()).find((w) => w.name === name);
      expect(saved).toBeTruthy();
    });
    expect(saved!.trigger).toEqual({
      event: 'record.updated',
      object: 'contacts',
      when: [{ field: 'balance', op: 'gte', value: '20000' }],
      previously: [{ field: 'balance', op: 'lt', value: '20000' }],
    });
    expect(saved!.actions).toEqual([
      {
        type: 'createTask',
        subject: 'Call {{contact.firstName}}: balance {{contact.balance}}',
        dueIn: 'P2D',
      },
    ]);
    // The builder closes and the new workflow's card says what it does.
    const card = await screen.findByRole('article', { name });
    expect(card.textContent).toContain('2 conditions');
  });

  it('shows the server’s field errors at their controls, keeps what was typed, then saves the fix', async () => {
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const form = await openNew(user);
    const name = `Hook ${unique()}`;
    await user.type(input(form, /^Name/), name);
    await choose(user, form, 'Object', 'Contacts');
    const when = within(form).getByRole('group', { name: 'Condition' });
    await user.click(within(when).getByRole('button', { name: 'Add condition' }));
    await choose(user, when, 'Condition 1: field', 'Balance');
    await choose(user, when, 'Condition 1: operator', 'at least');
    await user.type(input(when, 'Condition 1: value'), 'lots');

    const first = within(form).getByRole('group', { name: 'Action 1' });
    await user.type(input(first, 'Subject'), 'Look at the balance');
    await user.click(within(form).getByRole('button', { name: 'Add action' }));
    const second = within(form).getByRole('group', { name: 'Action 2' });
    await choose(user, second, 'Action', 'Call a webhook');
    // A loopback target: refused at save (webhooks may not reach private networks).
    await user.type(input(second, 'URL'), 'http://127.0.0.1:9/hook');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));

    await waitFor(() => expect(input(second, 'URL').getAttribute('aria-invalid')).toBe('true'));
    expect(input(when, 'Condition 1: value').getAttribute('aria-invalid')).toBe('true');
    expect(input(first, 'Subject').getAttribute('aria-invalid')).not.toBe('true');
    // Nothing typed is lost, and nothing was saved.
    expect(input(form, /^Name/).value).toBe(name);
    expect(input(second, 'URL').value).toBe('http://127.0.0.1:9/hook');
    expect(input(when, 'Condition 1: value').value).toBe('lots');
    expect((await workflows()).some((w) => w.name === name)).toBe(false);

    await user.click(within(form).getByRole('button', { name: 'Remove action 2' }));
    await user.clear(input(when, 'Condition 1: value'));
    await user.type(input(when, 'Condition 1: value'), '5000');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(async () => expect((await workflows()).some((w) => w.name === name)).toBe(true));
    const saved = (await workflows()).find((w) => w.name === name)!;
    expect(saved.trigger.when).toEqual([{ field: 'balance', op: 'gte', value: '5000' }]);
    expect(saved.actions).toEqual([{ type: 'createTask', subject: 'Look at the balance', dueIn: 'P1D' }]);
  });

  it('builds a stage change with the stage picked by name, and a date trigger 30 days before', async () => {
    const pipeline = (
      await api.get<{
        data: { isDefault?: boolean; name: string; stages: { id: string; name: string }[] }[];
      }>('/api/v1/pipelines')
    ).data.find((p) => p.isDefault)!;
    const stage = pipeline.stages[1]!;
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    let form = await openNew(user);
    const moved = `Stage ${unique()}`;
    await user.type(input(form, /^Name/), moved);
    await choose(user, form, 'When this happens', 'A deal changes stage');
    expect(input(form, 'Object').disabled).toBe(true);
    const when = within(form).getByRole('group', { name: 'Condition' });
    await user.click(within(when).getByRole('button', { name: 'Add condition' }));
    await choose(user, when, 'Condition 1: field', 'Moved to stage');
    await choose(user, when, 'Condition 1: value', `${pipeline.name} · ${stage.name}`);
    expect(within(form).queryByRole('group', { name: 'Before' })).toBeNull();
    await user.type(input(form, 'Subject'), 'Prepare the proposal');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await screen.findByRole('article', { name: moved });
    expect((await workflows()).find((w) => w.name === moved)!.trigger).toEqual({
      event: 'stage.changed',
      object: 'deals',
      when: [{ field: 'toStageId', op: 'eq', value: stage.id }],
    });

    form = await openNew(user);
    const dated = `Close date ${unique()}`;
    await user.type(input(form, /^Name/), dated);
    await choose(user, form, 'When this happens', 'A date is reached');
    await choose(user, form, 'Object', 'Deals');
    await choose(user, form, 'Date field', 'Close date');
    await user.clear(input(form, 'Days from the date'));
    await user.type(input(form, 'Days from the date'), '-30');
    await user.type(input(form, 'Subject'), 'Close date in a month');
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await screen.findByRole('article', { name: dated });
    expect((await workflows()).find((w) => w.name === dated)!.trigger).toEqual({
      event: 'date.reached',
      object: 'deals',
      field: 'closeDate',
      offset: '-P30D',
    });
  });

  it('edits a saved workflow: reorders its actions and opens its run history', async () => {
    const name = `Two actions ${unique()}`;
    const wf = await api.post<Wf>('/api/v1/workflows', {
      name,
      trigger: { event: 'record.created', object: 'leads' },
      actions: [
        { type: 'createTask', subject: 'First' },
        { type: 'createTask', subject: 'Second', priority: 'high' },
      ],
    });
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: `Edit “${name}”` });
    await user.click(within(form).getByRole('button', { name: 'Move action 2 up' }));
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(async () =>
      expect((await api.get<Wf>(`/api/v1/workflows/${wf.id}`)).actions.map((a) => a.subject)).toEqual([
        'Second',
        'First',
      ]),
    );
    expect((await api.get<Wf>(`/api/v1/workflows/${wf.id}`)).actions[0]).toMatchObject({ priority: 'high' });
    const again = await screen.findByRole('article', { name });
    await user.click(within(again).getByRole('button', { name: 'Run history' }));
    expect(await within(again).findByText('No runs yet')).toBeTruthy();
  });

  it('keeps a new workflow being filled when the settings screen remounts (the R19 e2e flake)', async () => {
    // Anything above the screen may re-create it (a route element, a boundary, a key): a new
    // workflow's draft used to be the screen's own state and vanished with it.
    renderApp(<Remountable />, { me });
    const user = userEvent.setup();
    let form = await openNew(user);
    const name = `Kept ${unique()}`;
    await user.type(input(form, /^Name/), name);
    await choose(user, form, 'Object', 'Contacts');
    const when = within(form).getByRole('group', { name: 'Condition' });
    await user.click(within(when).getByRole('button', { name: 'Add condition' }));
    await choose(user, when, 'Condition 1: field', 'Balance');
    await user.type(input(when, 'Condition 1: value'), '777');
    await user.click(screen.getByRole('button', { name: 'remount' }));
    form = await screen.findByRole('form', { name: 'New workflow' });
    expect(input(form, /^Name/).value).toBe(name);
    expect(input(within(form).getByRole('group', { name: 'Condition' }), 'Condition 1: value').value).toBe(
      '777',
    );
    // Cancel ends the draft: after another remount the builder is closed and a new one is empty.
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'remount' }));
    form = await openNew(user);
    expect(input(form, /^Name/).value).toBe('');
  });

  it('refuses an edit of a workflow someone changed meanwhile, keeping what was typed; saving again wins', async () => {
    const name = `Stale wf ${unique()}`;
    const wf = await api.post<Wf & { version: number }>('/api/v1/workflows', {
      name,
      trigger: { event: 'record.created', object: 'leads' },
      actions: [{ type: 'createTask', subject: 'Call back' }],
    });
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: `Edit “${name}”` });
    // Another admin saves the workflow after this form opened on version 1.
    await api.patch(`/api/v1/workflows/${wf.id}`, { name: `${name} elsewhere` });
    await user.clear(input(form, /^Name/));
    await user.type(input(form, /^Name/), `${name} mine`);
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toMatch(/changed/i);
    expect(input(form, /^Name/).value).toBe(`${name} mine`);
    expect(await api.get<Wf & { version: number }>(`/api/v1/workflows/${wf.id}`)).toMatchObject({
      name: `${name} elsewhere`,
      version: 2,
    });
    // The form now stands on version 2: saving again overwrites knowingly.
    await user.click(within(form).getByRole('button', { name: 'Save workflow' }));
    await waitFor(async () =>
      expect(await api.get<Wf & { version: number }>(`/api/v1/workflows/${wf.id}`)).toMatchObject({
        name: `${name} mine`,
        version: 3,
      }),
    );
  });
});

interface Process {
  id: string;
  name: string;
  version: number;
  steps: { approver: string }[];
  lockedFields: string[] | null;
}

const processes = () => api.get<{ data: Process[] }>('/api/v1/approval-processes').then((b) => b.data);

describe('approval processes', () => {
  it('edits a process: renames it, adds a finance step before the manager, locks a field', async () => {
    const name = `Commitments ${unique()}`;
    const p = await api.post<Process>('/api/v1/approval-processes', {
      name,
      object: 'commitments',
      entryCriteria: [{ field: 'value', op: 'gt', value: '0' }],
      steps: [{ approver: 'ownerManager' }],
    });
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name });
    expect(card.textContent).toContain('The owner’s manager');
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: `Edit “${name}”` });
    expect(within(form).getByRole('group', { name: 'Criterion' })).toBeTruthy();
    expect(input(form, 'Object').disabled).toBe(true);

    await user.clear(input(form, /^Name/));
    await user.type(input(form, /^Name/), `${name} (2)`);
    await user.click(within(form).getByRole('button', { name: 'Add step' }));
    await choose(user, form, 'Role of step 2', 'Finance');
    await user.click(within(form).getByRole('button', { name: 'Move step 2 up' }));
    await choose(user, form, 'Locked while pending', 'Description');
    await user.click(within(form).getByRole('button', { name: 'Save process' }));

    await waitFor(async () => expect((await processes()).find((x) => x.id === p.id)?.version).toBe(2));
    expect((await processes()).find((x) => x.id === p.id)).toMatchObject({
      name: `${name} (2)`,
      steps: [{ approver: 'role:finance' }, { approver: 'ownerManager' }],
      lockedFields: ['description'],
    });
    expect(await screen.findByRole('article', { name: `${name} (2)` })).toBeTruthy();
  });

  it('refuses an edit of a process someone changed meanwhile, keeping what was typed; saving again wins', async () => {
    const name = `Stale ${unique()}`;
    const p = await api.post<Process>('/api/v1/approval-processes', {
      name,
      object: 'commitments',
      steps: [{ approver: 'ownerManager' }],
    });
    renderApp(<WorkflowsSettings />, { me });
    const user = userEvent.setup();
    const card = await screen.findByRole('article', { name });
    await user.click(within(card).getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: `Edit “${name}”` });
    await api.patch(`/api/v1/approval-processes/${p.id}`, { name: `${name} elsewhere` });
    await user.clear(input(form, /^Name/));
    await user.type(input(form, /^Name/), `${name} mine`);
    await user.click(within(form).getByRole('button', { name: 'Save process' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toMatch(/changed/i);
    expect(input(form, /^Name/).value).toBe(`${name} mine`);
    expect((await processes()).find((x) => x.id === p.id)).toMatchObject({
      name: `${name} elsewhere`,
      version: 2,
    });
    await user.click(within(form).getByRole('button', { name: 'Save process' }));
    await waitFor(async () =>
      expect((await processes()).find((x) => x.id === p.id)).toMatchObject({
        name: `${name} mine`,
        version: 3,
      }),
    );
  });
});

describe('handler errors', () => {
  it('shows the panel to admins and not to marketing (who may still build workflows)', async () => {
    renderApp(<WorkflowsSettings />, { me });
    expect(await screen.findByRole('region', { name: 'Handler errors' })).toBeTruthy();
    const marketing = await signInAs('marketing');
    const view = renderApp(<WorkflowsSettings />, { me: marketing });
    await within(view.container).findByRole('button', { name: 'New workflow' });
    expect(within(view.container).queryByRole('region', { name: 'Handler errors' })).toBeNull();
    me = await signInAsAdmin();
  });
});
