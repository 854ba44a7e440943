// A contact's and a lead's page against the real server: a rep enrols the record from the page's
// actions menu (a dialog offering only active sequences, with the first step shown), the page then
// lists the enrolment with its next step filled from the record's fields, and pauses, resumes and
// stops it; enrolling again shows the server's refusal inside the dialog. (The component-test
// server runs no background workers, so no step runs here.)
import type { Me, RecordBase } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAs, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { RecordPage } from '../records/RecordPage';

let rep: Me;
let active: { id: string; name: string };
let inactive: { id: string; name: string };

beforeAll(async () => {
  await signInAsAdmin();
  const u = unique();
  active = await api.post('/api/v1/sequences', {
    name: `Welcome ${u}`,
    businessHours: null,
    steps: [
      {
        type: 'call',
        delay: 'P1D',
        subject: 'Call {{record.firstName}} {{record.lastName}} ({{owner.name}})',
      },
      { type: 'task', delay: 'P2D', subject: 'Write to {{record.firstName || "them"}}' },
    ],
  });
  inactive = await api.post('/api/v1/sequences', {
    name: `Dormant ${u}`,
    active: false,
    steps: [{ type: 'task', delay: 'P1D', subject: 'Nothing' }],
  });
  rep = await signInAs('rep');
});

type User = ReturnType<typeof userEvent.setup>;

async function openDialog(user: User) {
  await user.click(await screen.findByRole('button', { name: 'More actions' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Enrol in a sequence' }));
  return screen.findByRole('dialog', { name: 'Enrol in a sequence' });
}

async function pick(user: User, dialog: HTMLElement, name: string) {
  const select = await within(dialog).findByRole('combobox', { name: 'Sequence' });
  await user.click(select);
  await user.type(select, name.slice(0, 10));
  await user.click(await screen.findByRole('option', { name }));
}

async function page(object: string, body: Record<string, unknown>) {
  const record = await api.post<RecordBase>(`/api/v1/objects/${object}`, body);
  renderApp(<RecordPage />, { me: rep, path: `/${object}/${record.id}`, route: '/:object/:id' });
  return record;
}

const enrolments = (object: string, id: string) =>
  api
    .get<{ data: { sequenceId: string; status: string }[] }>(
      `/api/v1/sequence-enrollments?object=${object}&recordId=${id}`,
    )
    .then((b) => b.data);

describe('sequences on a record page', () => {
  it('enrols a contact from the actions menu and pauses, resumes and stops it there', async () => {
    const contact = await page('contacts', {
      firstName: 'Mei',
      lastName: `Chen ${unique()}`,
      email: `mei-${unique()}@example.test`,
    });
    const panel = await screen.findByRole('region', { name: 'Sequences' });
    expect(await within(panel).findByText('Not in any sequence')).toBeTruthy();

    const user = userEvent.setup();
    const dialog = await openDialog(user);
    const select = await within(dialog).findByRole('combobox', { name: 'Sequence' });
    await user.click(select);
    // Only active sequences are offered.
    expect(await screen.findByRole('option', { name: active.name })).toBeTruthy();
    expect(screen.queryByRole('option', { name: inactive.name })).toBeNull();
    await pick(user, dialog, active.name);
    expect(
      within(dialog).getByText(`First step: Call: Call Mei ${contact.lastName} ([Owner · Name])`),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Enrol' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await enrolments('contacts', contact.id)).toEqual([
      expect.objectContaining({ sequenceId: active.id, status: 'active' }),
    ]);

    const table = await within(panel).findByRole('table');
    const row = within(table).getByText(active.name).closest('tr')!;
    expect(row.textContent).toContain('Active');
    expect(row.textContent).toContain(`Call: Call Mei ${contact.lastName} ([Owner · Name])`);
    expect(row.textContent).not.toContain('{{');

    await user.click(within(row).getByRole('button', { name: `Pause · ${active.name}` }));
    await waitFor(async () => expect((await enrolments('contacts', contact.id))[0]!.status).toBe('paused'));
    await user.click(await within(panel).findByRole('button', { name: `Resume · ${active.name}` }));
    await waitFor(async () => expect((await enrolments('contacts', contact.id))[0]!.status).toBe('active'));
    await user.click(await within(panel).findByRole('button', { name: `Stop · ${active.name}` }));
    await waitFor(async () => expect((await enrolments('contacts', contact.id))[0]!.status).toBe('stopped'));
    await waitFor(() => expect(within(panel).getByText('Stopped')).toBeTruthy());
    expect(within(panel).queryByRole('button', { name: `Pause · ${active.name}` })).toBeNull();
  });

  it('enrols a lead from the panel by keyboard and shows the server’s refusal of a second enrolment', async () => {
    const lead = await page('leads', {
      firstName: 'Wei',
      lastName: `Zhang ${unique()}`,
      email: `wei-${unique()}@example.test`,
    });
    const panel = await screen.findByRole('region', { name: 'Sequences' });
    const user = userEvent.setup();
    within(panel).getByRole('button', { name: 'Enrol in a sequence' }).focus();
    await user.keyboard('{Enter}');
    let dialog = await screen.findByRole('dialog', { name: 'Enrol in a sequence' });
    await pick(user, dialog, active.name);
    await user.click(within(dialog).getByRole('button', { name: 'Enrol' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await within(panel).findByText(active.name);

    // Enrolled already: the server says so in the dialog, which stays open.
    dialog = await openDialog(user);
    await pick(user, dialog, active.name);
    await user.click(within(dialog).getByRole('button', { name: 'Enrol' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('already in this sequence'),
    );
    expect(await enrolments('leads', lead.id)).toHaveLength(1);
  });

  it('speaks Chinese: the panel, the dialog and the next step', async () => {
    const { default: i18n } = await import('i18next');
    await i18n.changeLanguage('zh-CN');
    try {
      const contact = await page('contacts', { firstName: '伟', lastName: `王${unique()}` });
      const panel = await screen.findByRole('region', { name: '序列' });
      expect(await within(panel).findByText('未加入任何序列')).toBeTruthy();
      const user = userEvent.setup();
      await user.click(within(panel).getByRole('button', { name: '加入序列' }));
      const dialog = await screen.findByRole('dialog', { name: '加入序列' });
      const select = await within(dialog).findByRole('combobox', { name: '序列' });
      await user.click(select);
      await user.click(await screen.findByRole('option', { name: active.name }));
      expect(
        within(dialog).getByText(`第一步：电话：Call 伟 ${contact.lastName} ([负责人 · 名称])`),
      ).toBeTruthy();
      await user.click(within(dialog).getByRole('button', { name: '加入' }));
      const row = (await within(panel).findByText(active.name)).closest('tr')!;
      expect(row.textContent).toContain('进行中');
      expect(within(row).getByRole('button', { name: `暂停 · ${active.name}` })).toBeTruthy();
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
