// The sequences screen against the real server: a sequence is created from the built-in nurture
// template (R17) and shows its four steps; a step's server field errors appear next to the field
// and a fixed edit is saved; an enrolment shows its next step and is paused and resumed. (The
// component-test server runs no background workers, so no step ever runs here.)
import type { Me } from '@rapport/contracts/apiTypes';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { api } from '../../api/client';
import { SequencesSettings } from './SequencesSettings';

interface Seq {
  id: string;
  name: string;
  steps: { type: string; delay: string; subject: string; body?: string }[];
}

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

type User = ReturnType<typeof userEvent.setup>;

async function chooseUnit(user: User, scope: HTMLElement, unit: string) {
  const el = within(scope)
    .getAllByLabelText('Unit of the wait')
    .find((e) => e.tagName === 'INPUT')!;
  await user.click(el);
  await user.click(await screen.findByRole('option', { name: unit }));
}

const sequences = () => api.get<{ data: Seq[] }>('/api/v1/sequences').then((b) => b.data);

describe('sequences settings', () => {
  it('creates a sequence from the nurture template and shows its steps', async () => {
    const before = new Set((await sequences()).map((s) => s.id));
    renderApp(<SequencesSettings />, { me });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New from “New lead nurture”' }));

    let created: Seq | undefined;
    await waitFor(async () => {
      created = (await sequences()).find((s) => !before.has(s.id));
      expect(created).toBeTruthy();
    });
    expect(created!.steps.map((s) => [s.type, s.delay])).toEqual([
      ['email', 'P0D'],
      ['letter', 'P1D'],
      ['email', 'P2D'],
      ['call', 'P2D'],
    ]);
    const nurtures = (await sequences()).filter((s) => s.name === 'New lead nurture').length;
    await waitFor(() =>
      expect(screen.getAllByRole('article', { name: 'New lead nurture' })).toHaveLength(nurtures),
    );
    expect(await screen.findByText('"New lead nurture" created')).toBeTruthy();
    const card = screen.getAllByRole('article', { name: 'New lead nurture' })[0]!;
    const table = within(card).getByRole('table', { name: 'Steps' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('EmailAt once'),
      expect.stringContaining('Letter1 day'),
      expect.stringContaining('Email2 days'),
      expect.stringContaining('Call2 days'),
    ]);
  });

  it('shows the server’s field errors next to a step’s fields and saves a fixed step', async () => {
    const name = `Follow-up ${unique()}`;
    const seq = await api.post<Seq>('/api/v1/sequences', {
      name,
      steps: [{ type: 'task', delay: 'P1D', subject: 'Check in' }],
    });
    renderApp(<SequencesSettings />, { me });
    const card = await screen.findByRole('article', { name });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Edit steps' }));

    // No number: said at the field, refused by the server there too, nothing saved.
    const delay = within(card).getByRole('textbox', { name: 'Wait' }) as HTMLInputElement;
    expect(delay.value).toBe('1');
    await user.clear(delay);
    expect(within(card).getByText('Enter a wait of 0 or more')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Save steps' }));
    await waitFor(() => expect(within(card).queryByText('Enter a wait of 0 or more')).toBeNull());
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect((await api.get<Seq>(`/api/v1/sequences/${seq.id}`)).steps[0]!.delay).toBe('P1D');

    await user.type(delay, '4');
    await chooseUnit(user, card, 'hours');
    const subject = within(card).getByRole('textbox', { name: 'Subject' });
    await user.clear(subject);
    await user.type(subject, 'Call back');
    await user.click(within(card).getByRole('button', { name: 'Save steps' }));
    await waitFor(async () =>
      expect((await api.get<Seq>(`/api/v1/sequences/${seq.id}`)).steps[0]).toMatchObject({
        type: 'task',
        delay: 'PT4H',
        subject: 'Call back',
      }),
    );
    expect(await within(card).findByText('Call back')).toBeTruthy();
  });

  it('shows stored waits as their simplest exact number and unit and writes edits back as ISO 8601', async () => {
    const name = `Waits ${unique()}`;
    const seq = await api.post<Seq>('/api/v1/sequences', {
      name,
      steps: [
        { type: 'task', delay: 'P1DT12H', subject: 'A day and a half' },
        { type: 'task', delay: 'PT90M', subject: 'An hour and a half' },
        { type: 'task', delay: 'P1M', subject: 'A month' },
      ],
    });
    renderApp(<SequencesSettings />, { me });
    const card = await screen.findByRole('article', { name });
    const rows = within(within(card).getByRole('table', { name: 'Steps' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('1.5 days'),
      expect.stringContaining('1.5 hours'),
      expect.stringContaining('P1M'),
    ]);
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Edit steps' }));
    const step = (n: number) => within(card).getByRole('group', { name: `Step ${n}` });
    const wait = (n: number) => within(step(n)).getByRole('textbox', { name: 'Wait' }) as HTMLInputElement;
    const unit = (n: number) =>
      within(step(n))
        .getAllByLabelText('Unit of the wait')
        .find((e) => e.tagName === 'INPUT') as HTMLInputElement;
    expect([wait(1).value, unit(1).value]).toEqual(['1.5', 'days']);
    expect([wait(2).value, unit(2).value]).toEqual(['1.5', 'hours']);
    // A month has no exact number of days: edited as the duration it is.
    expect(
      (within(step(3)).getByRole('textbox', { name: 'Wait (as written)' }) as HTMLInputElement).value,
    ).toBe('P1M');
    // 36 hours stays elapsed hours (PT36H); 0.5 days stays in days while typed and is PT12H.
    await user.clear(wait(2));
    await user.type(wait(2), '36');
    await user.clear(wait(1));
    await user.type(wait(1), '0.5');
    expect(unit(1).value).toBe('days');
    await user.click(within(card).getByRole('button', { name: 'Save steps' }));
    await waitFor(async () =>
      expect((await api.get<Seq>(`/api/v1/sequences/${seq.id}`)).steps.map((s) => s.delay)).toEqual([
        'PT12H',
        'PT36H',
        'P1M',
      ]),
    );
  });

  it('adds, reorders and removes steps, with a merge field, and saves them in order', async () => {
    const name = `Cadence steps ${unique()}`;
    const seq = await api.post<Seq>('/api/v1/sequences', {
      name,
      steps: [
        { type: 'email', delay: 'P0D', subject: 'Welcome', body: 'Hello' },
        { type: 'call', delay: 'P2D', subject: 'Call them' },
      ],
    });
    renderApp(<SequencesSettings />, { me });
    const card = await screen.findByRole('article', { name });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Edit steps' }));
    await user.click(within(card).getByRole('button', { name: 'Add step' }));
    const third = within(card).getByRole('group', { name: 'Step 3' });
    // A new step is a task a day later; "{{" types one brace in userEvent.
    await user.type(
      within(third).getByRole('textbox', { name: 'Subject' }),
      'Send {{{{lead.company}} a brochure',
    );
    await user.click(within(card).getByRole('button', { name: 'Move step 3 up' }));
    await user.click(within(card).getByRole('button', { name: 'Remove step 1' }));
    expect(within(card).queryByRole('group', { name: 'Step 3' })).toBeNull();

    // An empty subject is refused at its own step; nothing is saved, nothing is lost.
    const first = within(card).getByRole('group', { name: 'Step 1' });
    const subject = within(first).getByRole('textbox', { name: 'Subject' }) as HTMLInputElement;
    expect(subject.value).toBe('Send {{lead.company}} a brochure');
    const second = within(card).getByRole('group', { name: 'Step 2' });
    const other = within(second).getByRole('textbox', { name: 'Subject' }) as HTMLInputElement;
    await user.clear(other);
    await user.click(within(card).getByRole('button', { name: 'Save steps' }));
    await waitFor(() => expect(other.getAttribute('aria-invalid')).toBe('true'));
    expect(subject.getAttribute('aria-invalid')).not.toBe('true');
    expect((await api.get<Seq>(`/api/v1/sequences/${seq.id}`)).steps).toHaveLength(2);

    await user.type(other, 'Call them today');
    await user.click(within(card).getByRole('button', { name: 'Save steps' }));
    await waitFor(async () =>
      expect((await api.get<Seq>(`/api/v1/sequences/${seq.id}`)).steps).toEqual([
        expect.objectContaining({ type: 'task', delay: 'P1D', subject: 'Send {{lead.company}} a brochure' }),
        expect.objectContaining({ type: 'call', delay: 'P2D', subject: 'Call them today' }),
      ]),
    );
  });

  it('lists an enrolment by the record’s name with its next step readable, and pauses and resumes it', async () => {
    const name = `Cadence ${unique()}`;
    const seq = await api.post<Seq>('/api/v1/sequences', {
      name,
      businessHours: null,
      steps: [
        {
          type: 'call',
          delay: 'P2D',
          subject: 'Call {{record.firstName || "them"}} {{record.lastName}} for {{owner.name}}',
        },
      ],
    });
    const lead = await api.post<{ id: string }>('/api/v1/objects/leads', {
      firstName: 'Wei',
      lastName: 'Zhang',
      email: `wei-${unique()}@example.test`,
    });
    const e = await api.post<{ id: string }>(`/api/v1/sequences/${seq.id}/enrollments`, {
      object: 'leads',
      id: lead.id,
    });
    const state = () => api.get<{ status: string }>(`/api/v1/sequences/${seq.id}/enrollments/${e.id}`);

    renderApp(<SequencesSettings />, { me });
    const card = await screen.findByRole('article', { name });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Enrolments' }));
    const table = await within(card).findByRole('table', { name: 'Enrolments' });
    const link = within(table).getByRole('link', { name: 'Wei Zhang' });
    expect(link.getAttribute('href')).toBe(`/leads/${lead.id}`);
    // Merge fields read as the fields they stand for, named by the lead's own field labels.
    await waitFor(() =>
      expect(table.textContent).toContain('Call: Call [First name] [Last name] for [Owner · Name]'),
    );
    expect(table.textContent).not.toContain('{{');
    expect(within(table).getByText('Active')).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: 'Pause' }));
    await waitFor(async () => expect((await state()).status).toBe('paused'));
    await user.click(await within(card).findByRole('button', { name: 'Resume' }));
    await waitFor(async () => expect((await state()).status).toBe('active'));
    expect(await within(card).findByRole('button', { name: 'Pause' })).toBeTruthy();
  });

  it('sets business hours: days, from–to and a time zone, or off for any time', async () => {
    const name = `Hours ${unique()}`;
    const seq = await api.post<Seq & { businessHours: unknown }>('/api/v1/sequences', {
      name,
      steps: [{ type: 'task', delay: 'P1D', subject: 'Check in' }],
    });
    expect(seq.businessHours).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    const workspace = await api.get<{ timeZone: string }>('/api/v1/workspace');
    const stored = async () =>
      (await api.get<{ businessHours: unknown }>(`/api/v1/sequences/${seq.id}`)).businessHours;
    renderApp(<SequencesSettings />, { me });
    const card = await screen.findByRole('article', { name });
    expect(
      await within(card).findByText(
        `Emails go out Mon, Tue, Wed, Thu, Fri, 09:00–18:00 (${workspace.timeZone})`,
      ),
    ).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Edit business hours' }));
    const hours = within(card).getByRole('group', { name: 'Business hours' });
    expect(within(hours).getByRole('switch', { name: 'Send emails only in business hours' })).toBeTruthy();
    expect((within(hours).getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement).value).toBe(
      `The workspace’s (${workspace.timeZone})`,
    );

    // Friday off, Saturday on, 10:00–16:30 in Shanghai.
    await user.click(within(hours).getByRole('checkbox', { name: 'Fri' }));
    await user.click(within(hours).getByRole('checkbox', { name: 'Sat' }));
    const from = within(hours).getByLabelText('From') as HTMLInputElement;
    const to = within(hours).getByLabelText('To') as HTMLInputElement;
    await user.clear(from);
    await user.type(from, '10:00');
    await user.clear(to);
    await user.type(to, '09:30');
    expect(within(hours).getByText('The end must be after the start')).toBeTruthy();
    expect(within(hours).getByRole('button', { name: 'Save business hours' })).toHaveProperty(
      'disabled',
      true,
    );
    await user.clear(to);
    await user.type(to, '16:30');
    const zone = within(hours).getByRole('combobox', { name: 'Time zone' });
    await user.clear(zone);
    await user.type(zone, 'Asia/Shang');
    await user.click(await screen.findByRole('option', { name: 'Asia/Shanghai' }));
    await user.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    await waitFor(async () =>
      expect(await stored()).toEqual({
        days: [1, 2, 3, 4, 6],
        start: '10:00',
        end: '16:30',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(
      await within(card).findByText('Emails go out Mon, Tue, Wed, Thu, Sat, 10:00–16:30 (Asia/Shanghai)'),
    ).toBeTruthy();

    // Off: emails at any time (null), and the card says so.
    await user.click(within(card).getByRole('button', { name: 'Edit business hours' }));
    await user.click(within(card).getByRole('switch', { name: 'Send emails only in business hours' }));
    expect(within(card).queryByRole('checkbox', { name: 'Mon' })).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Save business hours' }));
    await waitFor(async () => expect(await stored()).toBeNull());
    expect(await within(card).findByText('Emails go out at any time')).toBeTruthy();
  });
});
