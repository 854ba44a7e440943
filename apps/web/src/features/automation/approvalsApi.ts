// The approvals inbox as the server answers it (GET /api/v1/approvals, see modules/approvals).
import { api } from '../../api/client';

export interface ApprovalStep {
  index: number;
  approver: string;
  approverIds: string[];
  decision: 'approved' | 'rejected' | null;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Approval {
  id: string;
  process: { id: string; name: string | null };
  object: string;
  recordId: string;
  status: 'pending' | 'approved' | 'rejected';
  currentStep: number | null;
  submittedBy: string | null;
  comment: string | null;
  /** The record as it was when it was submitted. */
  submitted: Record<string, unknown> | null;
  steps: ApprovalStep[];
  createdAt: string;
  decidedAt: string | null;
}

export const approvalsKey = ['approvals', 'pending'] as const;

export const fetchPendingApprovals = () =>
  api.get<{ data: Approval[] }>('/api/v1/approvals?mine=pending&limit=200').then((b) => b.data);

export const decideApproval = (id: string, decision: 'approve' | 'reject', comment: string) =>
  api.post<Approval>(`/api/v1/approvals/${encodeURIComponent(id)}/${decision}`, {
    ...(comment.trim() ? { comment: comment.trim() } : {}),
  });

/** The same title the server puts in the approver's email: name, else description, else subject. */
export function approvalTitle(a: Approval): string {
  const s = a.submitted ?? {};
  for (const k of ['name', 'description', 'subject'] as const) {
    const v = s[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return a.recordId;
}
