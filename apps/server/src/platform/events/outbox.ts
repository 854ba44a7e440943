// Domain events go into the outbox in the same transaction as the change they describe; the
// dispatcher (process engine) reads them afterwards, so no event is lost or invented.
import type { Executor } from '../db/schema';
import { newId } from '../ids';
import { insertMany } from '../db/insertMany';

export type EventType =
  | 'record.created'
  | 'record.updated'
  | 'record.deleted'
  | 'record.restored'
  | 'stage.changed'
  | 'email.received'
  | 'form.submitted'
  | 'approval.decided'
  | (string & {});

export interface DomainEvent {
  workspaceId: string;
  type: EventType;
  object?: string | null;
  recordId?: string | null;
  actorId?: string | null;
  /** For record events: { old?: {...}, new?: {...}, changed?: string[] } in API field names. */
  payload: Record<string, unknown>;
}

export async function emitEvent(db: Executor, e: DomainEvent): Promise<string> {
  const id = newId();
  await db
    .insertInto('outbox_events')
    .values({
      workspace_id: e.workspaceId,
      id,
      type: e.type,
      object: e.object ?? null,
      record_id: e.recordId ?? null,
      actor_id: e.actorId ?? null,
      payload: JSON.stringify(e.payload),
    })
    .execute();
  return id;
}

export async function emitEvents(db: Executor, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const rows = events.map((e) => ({
    workspace_id: e.workspaceId,
    id: newId(),
    type: e.type,
    object: e.object ?? null,
    record_id: e.recordId ?? null,
    actor_id: e.actorId ?? null,
    payload: JSON.stringify(e.payload),
  }));
  // One JSON parameter however many: an import batch writes 2,000 events at once.
  await insertMany(db, 'outbox_events', rows, ['payload']);
}
