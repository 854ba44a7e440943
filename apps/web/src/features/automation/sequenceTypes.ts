// Shapes of sequences and enrolments as the API returns them, and the label keys both the settings
// screen and a record's page use for step types and enrolment states.
export const stepTypes = ['email', 'letter', 'task', 'call'] as const;
export type StepType = (typeof stepTypes)[number];

export interface Step {
  type: StepType;
  delay: string;
  subject: string;
  body?: string;
  format?: 'text' | 'html';
  assignTo?: unknown;
}

/** ISO weekdays 1 (Monday) … 7 (Sunday); times HH:MM; no time zone = the workspace's. */
export interface BusinessHours {
  days: number[];
  start: string;
  end: string;
  timeZone?: string;
}

export interface Sequence {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  steps: Step[];
  businessHours: BusinessHours | null;
  template: string | null;
}

export type EnrollmentStatus = 'active' | 'paused' | 'completed' | 'stopped';

export interface Enrollment {
  id: string;
  sequenceId: string;
  sequenceName: string | null;
  object: string;
  recordId: string;
  recordName: string | null;
  status: EnrollmentStatus;
  stopReason: string | null;
  nextStep: { index: number; type: StepType; subject: string; delay: string } | null;
  nextRunAt: string | null;
}

export const statusColor: Record<EnrollmentStatus, string> = {
  active: 'green',
  paused: 'yellow',
  completed: 'blue',
  stopped: 'gray',
};

export const typeKey = {
  email: 'automation.sequences.typeEmail',
  letter: 'automation.sequences.typeLetter',
  task: 'automation.sequences.typeTask',
  call: 'automation.sequences.typeCall',
} as const;

export const statusKey = {
  active: 'automation.sequences.statusActive',
  paused: 'automation.sequences.statusPaused',
  completed: 'automation.sequences.statusCompleted',
  stopped: 'automation.sequences.statusStopped',
} as const;

export const sequencesKey = ['sequences'] as const;
export const recordEnrollmentsKey = (object: string, id: string) =>
  ['sequence-enrollments', object, id] as const;

export type EnrollmentVerb = 'pause' | 'resume' | 'stop';
export const enrollmentPath = (e: Pick<Enrollment, 'id' | 'sequenceId'>, verb: EnrollmentVerb) =>
  `/api/v1/sequences/${encodeURIComponent(e.sequenceId)}/enrollments/${encodeURIComponent(e.id)}/${verb}`;
