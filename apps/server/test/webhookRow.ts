// A webhook subscription written straight to the table, past the API and its URL guard: tests use
// it for a target the API would refuse (a private address) or to skip a request they do not test.
import type { Store } from '../src/platform/db/open';
import { newId } from '../src/platform/ids';

export interface WebhookRow {
  url: string;
  events?: string[];
  objects?: string[] | null;
  active?: boolean;
  secret?: string;
  at?: Date;
}

export async function insertWebhookRow(
  db: Store['db'],
  workspaceId: string,
  row: WebhookRow,
): Promise<string> {
  const id = newId();
  const at = row.at ?? new Date();
  await db
    .insertInto('webhooks')
    .values({
      workspace_id: workspaceId,
      id,
      url: row.url,
      description: null,
      events: row.events ?? ['*'],
      objects: row.objects ?? null,
      secret: row.secret ?? 'test-webhook-secret-0123',
      active: row.active ?? true,
      consecutive_failures: 0,
      disabled_at: null,
      disabled_reason: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}
