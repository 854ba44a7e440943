// What the composer and quick log send: one activity (call, meeting, note or task) and, for a
// call or meeting, an optional follow-up task — created together through the batch endpoint so
// either both exist or neither does.
import { todayIn } from '../../i18n/format';

export type ActivityType = 'call' | 'meeting' | 'note' | 'task';

export interface RelatedRef {
  object: string;
  id: string;
  title?: string;
}

export interface ActivityDraft {
  type: ActivityType;
  subject: string;
  body: string;
  outcome: string | null;
  /** Meetings and tasks: when; calls and notes happen now. */
  dueAt: string | null;
  followUp: boolean;
  followUpSubject: string;
  followUpDue: string; // YYYY-MM-DD
  relatedTo: RelatedRef[];
}

export const defaultOutcomes = ['connected', 'leftVoicemail', 'noAnswer', 'busy', 'wrongNumber'] as const;

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

export function emptyDraft(
  type: ActivityType,
  relatedTo: RelatedRef[] = [],
  timeZone?: string,
): ActivityDraft {
  return {
    type,
    subject: '',
    body: '',
    outcome: null,
    dueAt: null,
    followUp: false,
    followUpSubject: '',
    followUpDue: addDays(todayIn(timeZone), 1),
    relatedTo,
  };
}

/** A due date (all-day) becomes 09:00 local time that day, the usual "first thing" reminder. */
export function dueAtOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 9, 0, 0).toISOString();
}

export function buildActivities(
  d: ActivityDraft,
  now: Date,
  labels: { followUp: string; defaultSubject: string },
) {
  const relatedTo = d.relatedTo.map(({ object, id }) => ({ object, id }));
  const main: Record<string, unknown> = {
    type: d.type,
    subject: d.subject.trim() || labels.defaultSubject,
    relatedTo,
  };
  if (d.body.trim()) main.body = d.body;
  if (d.type === 'call' && d.outcome) main.outcome = d.outcome;
  if (d.type === 'call' || d.type === 'note') main.doneAt = now.toISOString();
  if (d.type === 'meeting') {
    main.dueAt = d.dueAt ?? now.toISOString();
    if (!d.dueAt || new Date(d.dueAt) <= now) main.doneAt = d.dueAt ?? now.toISOString();
  }
  if (d.type === 'task' && d.dueAt) main.dueAt = d.dueAt;
  const out = [main];
  if (d.followUp && (d.type === 'call' || d.type === 'meeting')) {
    out.push({
      type: 'task',
      subject: d.followUpSubject.trim() || labels.followUp,
      dueAt: dueAtOf(d.followUpDue),
      relatedTo,
    });
  }
  return out;
}
