import type { Config } from '../platform/config';
import { start, openAndMigrate } from '../main';
import { createWorkspace, workspaceCount } from '../modules/workspaces/createWorkspace';
import { passwordProblems, hashPassword } from '../platform/auth/passwords';
import { newId } from '../platform/ids';
import { CliError } from './cliError';

export { CliError };

export type ExtraCommand = (
  config: Config,
  args: string[],
  flag: (args: string[], name: string) => string | undefined,
) => Promise<void>;

/** Verbs added by later domains (backup, restore, …) register here. */
export async function extraCommands(): Promise<Record<string, ExtraCommand>> {
  const backup = await import('../modules/backup/commands');
  return {
    backup: backup.backupCommand,
    restore: backup.restoreCommand,
    'migrate-to': backup.migrateToCommand,
    password: (await import('../modules/users/passwordCommand')).passwordCommand,
  };
}

export async function startCommand(config: Config) {
  await start(config);
}

export async function migrateCommand(config: Config) {
  const store = await openAndMigrate(config);
  await store.close();
  process.stdout.write('Database is up to date.\n');
}

export async function workerCommand(config: Config) {
  const { startWorker } = await import('../platform/jobs/worker');
  await startWorker(config);
}

export async function adminCreateCommand(
  config: Config,
  opts: { email?: string; password?: string; name?: string },
) {
  if (!opts.email || !/^[^@\s]+@[^@\s]+$/.test(opts.email))
    throw new CliError('--email must be an email address');
  if (!opts.password) throw new CliError('--password is required');
  const problem = passwordProblems(opts.password);
  if (problem) throw new CliError(`--password: ${problem}`);
  const store = await openAndMigrate(config);
  try {
    const email = opts.email.toLowerCase();
    const existing = await store.db
      .selectFrom('users')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .select('id')
      .executeTakeFirst();
    if (existing) throw new CliError(`A user with the email ${email} already exists`);
    if ((await workspaceCount(store.db)) === 0) {
      await createWorkspace(store.db, {
        name: 'Rapport',
        admin: { email, password: opts.password, name: opts.name ?? 'Administrator' },
      });
    } else {
      const ws = await store.db
        .selectFrom('workspaces')
        .select('id')
        .orderBy('created_at')
        .executeTakeFirstOrThrow();
      const role = await store.db
        .selectFrom('roles')
        .where('workspace_id', '=', ws.id)
        .where('key', '=', 'admin')
        .select('id')
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto('users')
        .values({
          workspace_id: ws.id,
          id: newId(),
          email,
          name: opts.name ?? 'Administrator',
          password_hash: await hashPassword(opts.password),
          role_id: role.id,
          active: true,
        })
        .execute();
    }
    process.stdout.write(`Admin ${email} created.\n`);
  } finally {
    await store.close();
  }
}
