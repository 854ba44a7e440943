// Workflow actions register here with their config schema, a save-time check against the object's
// metadata and the code that runs them. Most actions only write rows and run inside the action's
// transaction (so the effect and its recorded outcome commit together and a retried run never does
// an action twice); actions that call out (webhooks) run with no transaction open.
import type { ZodType } from 'zod';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db/schema';
import type { ProcessDeps } from '../../platform/dispatch/deps';
import type { FieldError } from '../../platform/errors';
import type { ApiRecord, LoadedObject } from '../records/meta/types';
import type { TargetPolicy } from '../webhooks/urlGuard';

export interface ActionRun {
  deps: ProcessDeps;
  workspaceId: string;
  workflow: { id: string; name: string; ownerId: string | null };
  run: { id: string; depth: number; eventType: string; index: number };
  object: string | null;
  recordId: string | null;
  /** The record as it is now (or as it was, for a deleted one); null for record-less triggers. */
  record: ApiRecord | null;
  meta: LoadedObject | null;
  /** What the trigger carried (event payload, schedule time), for webhooks and templates. */
  trigger: Record<string, unknown>;
}

export interface InTxRun extends ActionRun {
  tx: Tx;
  /** The system actor acting for the workflow's owner, on the transaction. */
  sys: Ctx;
}

/** What a save-time check may need beyond the workspace: the operator's settings. */
export interface CheckEnv {
  targets: TargetPolicy;
}

export interface ActionDef<C = Record<string, unknown>> {
  type: string;
  schema: ZodType<C>;
  /** Whether the action needs a record (createTask, updateField) or works without (webhook). */
  needsRecord: boolean;
  check?(ctx: Ctx, cfg: C, meta: LoadedObject | null, path: string, env: CheckEnv): Promise<FieldError[]>;
  run?(a: InTxRun, cfg: C): Promise<Record<string, unknown>>;
  runOutside?(a: ActionRun, cfg: C): Promise<Record<string, unknown>>;
}

const actions = new Map<string, ActionDef<never>>();

export function registerAction<C>(def: ActionDef<C>): void {
  actions.set(def.type, def as unknown as ActionDef<never>);
}

export function actionDef(type: string): ActionDef<Record<string, unknown>> | undefined {
  return actions.get(type) as ActionDef<Record<string, unknown>> | undefined;
}

export function actionTypes(): string[] {
  return [...actions.keys()];
}
