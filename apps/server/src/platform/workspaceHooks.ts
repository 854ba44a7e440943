// Domains that need rows in every new workspace (default pipeline, default views, …) register a
// seeding function here; the workspace creator runs them all in its transaction.
import type { Tx } from './db/schema';

export interface NewWorkspace {
  workspaceId: string;
  adminUserId: string;
  locale: string;
  currency: string;
}

type Seeder = (tx: Tx, ws: NewWorkspace) => Promise<void>;
const seeders: { name: string; fn: Seeder }[] = [];

export function onWorkspaceCreated(name: string, fn: Seeder): void {
  if (!seeders.some((s) => s.name === name)) seeders.push({ name, fn });
}

export async function runWorkspaceSeeders(tx: Tx, ws: NewWorkspace): Promise<void> {
  for (const s of seeders) await s.fn(tx, ws);
}
