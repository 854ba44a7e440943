// The composer against the real server: a call with its outcome and a follow-up task lands on
// the contact's timeline in one save; a refused save keeps the draft and names the field.
import type { Page, TimelineItem } from '@rapport/contracts/apiTypes';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, api } from '../../api/client';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import type { Me } from '@rapport/contracts/apiTypes';
import { ActivityComposer, composerErrors } from './ActivityComposer';

let me: Me;
beforeAll(async () => {
  me = await signInAsAdmin();
});

const timeline = (id: string) =>
  api.get<Page<TimelineItem>>(`/api/v1/objects/contacts/${id}/timeline?limit=20`);

describe('activity composer', () => {
  it('logs a call with its outcome and creates the follow-up task in the same save', async () => {
    const contact = await api.post<{ id: string }>('/api/v1/objects/contacts', {
      firstName: 'Lin',
      lastName: `Wang ${unique()}`,
    });
    const saved: string[][] = [];
    renderApp(
      <ActivityComposer
        relatedTo={[{ object: 'contacts', id: contact.id }]}
        onSaved={(ids) => saved.push(ids)}
      />,
      { me },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByText('Connected'));
    await user.type(screen.getByLabelText('Subject'), 'Pricing call');
    await user.type(screen.getByLabelText('Notes'), 'Wants a quote for 20 seats');
    await user.click(screen.getByLabelText('Create a follow-up task'));
    await user.clear(screen.getByLabelText('Follow-up'));
    await user.type(screen.getByLabelText('Follow-up'), 'Send the quote');
    await user.click(screen.getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toHaveLength(2);

    const items = (await timeline(contact.id)).data.filter((i) => i.kind === 'activity');
    const acts = items.map(
      (i) =>
        i.activity as {
          type: string;
          subject: string;
          outcome: string | null;
          body: string | null;
          dueAt: string | null;
          doneAt: string | null;
        },
    );
    const call = acts.find((a) => a.type === 'call');
    const task = acts.find((a) => a.type === 'task');
    expect(call).toMatchObject({
      subject: 'Pricing call',
      outcome: 'connected',
      body: 'Wants a quote for 20 seats',
    });
    expect(call?.doneAt).toBeTruthy();
    expect(task).toMatchObject({ subject: 'Send the quote', doneAt: null });
    expect(task?.dueAt).toBeTruthy();
    // The form is empty again for the next call.
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe('');
  });

  it('keeps the draft and shows the server message under the field when the save is refused', async () => {
    const contact = await api.post<{ id: string }>('/api/v1/objects/contacts', {
      firstName: 'Refused',
      lastName: unique(),
    });
    renderApp(<ActivityComposer relatedTo={[{ object: 'contacts', id: contact.id }]} />, { me });
    const user = userEvent.setup();
    const tooLong = 'x'.repeat(501); // the server allows 500 characters in a subject
    const subject = screen.getByLabelText('Subject') as HTMLInputElement;
    await user.click(subject);
    await user.paste(tooLong);
    await user.type(screen.getByLabelText('Notes'), 'notes that must not be lost');
    await user.click(screen.getByLabelText('Create a follow-up task'));
    await user.click(screen.getByRole('button', { name: 'Log call' }));
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    const errorId = subject
      .getAttribute('aria-describedby')!
      .split(' ')
      .find((id) => document.getElementById(id)?.textContent);
    expect(document.getElementById(errorId!)!.textContent).toMatch(/500/);
    expect(subject.value).toBe(tooLong);
    expect((screen.getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('notes that must not be lost');
    // All or nothing: neither the call nor its follow-up task was created.
    expect((await timeline(contact.id)).data.filter((i) => i.kind === 'activity')).toEqual([]);
  });

  it('maps batch field paths to the form: the call first, the follow-up task second', () => {
    const err = new ApiError({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      errors: [
        { field: 'create.0.subject', message: 'too long' },
        { field: 'create.1.dueAt', message: 'not a date' },
      ],
    });
    expect(composerErrors(err)).toEqual({ subject: 'too long', 'followUp.dueAt': 'not a date' });
  });
});
