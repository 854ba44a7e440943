// First-run setup: creates the one workspace and its admin on an empty installation. Two setup
// requests racing each other (two browser tabs, two API processes) are serialised by an advisory
// lock, and the loser gets the same 409 as anyone arriving after the fact.
import { sql } from 'kysely';
import { writeAuditAs } from '../../platform/audit/writeAudit';
import type { Db } from '../../platform/db/schema';
import { Conflict, Unprocessable } from '../../platform/errors';
import { createWorkspace, workspaceCount } from '../workspaces/createWorkspace';
import type { SetupInput } from './schemas';

/** Any constant shared by every process of an installation: "the setup lock". */
const SETUP_LOCK_KEY = 7_261_001;

type LoadDemoData = (db: Db, workspaceId: string, adminUserId: string) => Promise<unknown>;

/**
 * The demo data set belongs to the records domain (modules/records/demoData.ts) and is large, so it
 * is imported only when asked for. Null when this build has none.
 */
async function demoDataLoader(): Promise<LoadDemoData | null> {
  const specifier = '../records/demoData';
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { loadDemoData?: LoadDemoData };
    return typeof mod.loadDemoData === 'function' ? mod.loadDemoData : null;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load url/.test(String(err)))
      return null;
    throw err;
  }
}

export const setupRefused = () => new Conflict('Rapport is already set up; sign in instead');

export async function setupNeeded(db: Db): Promise<boolean> {
  return (await workspaceCount(db)) === 0;
}

export async function runSetup(db: Db, input: SetupInput, log: { error: (o: object, m: string) => void }) {
  if (!(await setupNeeded(db))) throw setupRefused();
  const loadDemo = input.demo ? await demoDataLoader() : null;
  if (input.demo && !loadDemo)
    throw new Unprocessable('This build has no demo data set; run setup again without demo', [
      { field: 'demo', message: 'Not available' },
    ]);

  const created = await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${SETUP_LOCK_KEY})`.execute(conn);
    try {
      if ((await workspaceCount(conn)) > 0) throw setupRefused();
      const ws = await createWorkspace(conn, {
        name: input.company,
        currency: input.currency,
        timeZone: input.timeZone,
        locale: input.locale,
        fiscalYearStartMonth: input.fiscalYearStartMonth,
        admin: input.admin,
      });
      await writeAuditAs(conn, ws.workspaceId, ws.adminUserId, {
        action: 'workspace.created',
        targetType: 'workspace',
        targetId: ws.workspaceId,
        details: {
          company: input.company,
          currency: input.currency,
          adminEmail: input.admin.email,
          demo: Boolean(input.demo),
        },
      });
      return ws;
    } finally {
      await sql`select pg_advisory_unlock(${SETUP_LOCK_KEY})`.execute(conn);
    }
  });

  let demoLoaded = false;
  if (loadDemo) {
    try {
      await loadDemo(db, created.workspaceId, created.adminUserId);
      demoLoaded = true;
    } catch (err) {
      // The workspace is usable without the demo records; the admin sees demoLoaded: false.
      log.error({ err }, 'loading the demo data failed');
    }
  }
  return { ...created, demoLoaded };
}
