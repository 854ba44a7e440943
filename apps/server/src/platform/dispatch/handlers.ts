// Consumers of the outbox (workflows, sequences, scoring, webhooks) register here. The dispatcher
// gives each event to every handler that accepts it, inside the transaction that claims the event,
// so a handler only writes rows (runs, deliveries, stops); slow or outside work happens in `work.ts`.
import type { Tx } from '../db/schema';
import type { ProcessDeps } from './deps';

export interface OutboxEvent {
  workspaceId: string;
  id: string;
  seq: string;
  type: string;
  object: string | null;
  recordId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface EventHandler {
  /** Unique and stable: the ledger remembers which handler took which event under this name. */
  name: string;
  accepts(e: OutboxEvent): boolean;
  /**
   * Of these workspaces, those in which the handler could act at all (an active workflow, rule or
   * subscription). Asked once per claimed batch; the events of the other workspaces skip the
   * handler without a statement. An import leaves one event per row, and most workspaces automate
   * nothing on most objects: without this each event cost every handler a lookup and a savepoint.
   */
  activeIn?(tx: Tx, workspaceIds: readonly string[]): Promise<ReadonlySet<string>>;
  handle(tx: Tx, e: OutboxEvent, deps: ProcessDeps): Promise<void>;
}

const handlers = new Map<string, EventHandler>();

export function registerEventHandler(h: EventHandler): void {
  handlers.set(h.name, h);
}

export function eventHandlers(): EventHandler[] {
  return [...handlers.values()];
}
