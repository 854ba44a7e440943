// A record's approvals as the server answers them (GET/POST /api/v1/objects/{object}/{id}/approvals)
// and the approval processes that apply to its object; the lock of a pending request comes with it.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Approval } from '../automation/approvalsApi';
import type { Section } from '../records/layoutSections';

export type RecordApproval = Approval & { lockedFields: string[] | null };

export interface ProcessSummary {
  id: string;
  name: string;
  object: string;
  active: boolean;
  lockedFields: string[] | null;
}

export const recordApprovalsKey = (object: string, id: string) => ['recordApprovals', object, id] as const;

export function useRecordApproval(object: string, id: string) {
  const history = useQuery({
    queryKey: recordApprovalsKey(object, id),
    queryFn: () =>
      api
        .get<{ data: RecordApproval[] }>(
          `/api/v1/objects/${encodeURIComponent(object)}/${encodeURIComponent(id)}/approvals`,
        )
        .then((b) => b.data),
  });
  const processes = useQuery({
    queryKey: ['approvalProcesses', object],
    queryFn: () =>
      api
        .get<{ data: ProcessSummary[] }>(`/api/v1/approval-processes?object=${encodeURIComponent(object)}`)
        .then((b) => b.data.filter((p) => p.active)),
    staleTime: 60_000,
  });
  const latest = history.data?.[0] ?? null;
  const pending = latest?.status === 'pending' ? latest : null;
  return {
    object,
    id,
    latest,
    processes: processes.data ?? [],
    /** Fields locked by the pending request: 'all', a list, or none. */
    locked: (pending ? (pending.lockedFields ?? 'all') : []) as 'all' | string[],
  };
}
export type RecordApprovalState = ReturnType<typeof useRecordApproval>;

export const submitApproval = (object: string, id: string, body: { processId?: string; comment?: string }) =>
  api.post<RecordApproval>(
    `/api/v1/objects/${encodeURIComponent(object)}/${encodeURIComponent(id)}/approvals`,
    body,
  );

/** The sections with every locked field made read-only, so the section form does not offer it. */
export function lockSections(sections: Section[], locked: 'all' | string[]): Section[] {
  if (locked !== 'all' && !locked.length) return sections;
  const isLocked = (name: string) => locked === 'all' || locked.includes(name);
  return sections.map((s) => ({
    ...s,
    fields: s.fields.map((f) => (isLocked(f.name) ? { ...f, readOnly: true } : f)),
  }));
}
