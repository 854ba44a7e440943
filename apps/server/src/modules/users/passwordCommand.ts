// `rapport password --email E --password P`: the way back in when the only admin forgot their
// password (there is no mail-based reset). Like an admin's reset in the app, it ends the user's
// sessions and leaves an audit entry; it reactivates nobody.
import { CliError } from '../../cli/cliError';
import { hashPassword, passwordProblems } from '../../platform/auth/passwords';
import { revokeUserSessions } from '../../platform/auth/sessions';
import { writeAuditAs } from '../../platform/audit/writeAudit';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db/schema';
import { stamp } from './timestamps';

/** Sets the password of the user with this email; null when nobody has it. */
export async function setPasswordByEmail(
  db: Db,
  email: string,
  password: string,
): Promise<{ active: boolean } | null> {
  const hash = await hashPassword(password);
  const user = await db
    .selectFrom('users')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .select(['id', 'workspace_id', 'active'])
    .executeTakeFirst();
  if (!user) return null;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: stamp() })
      .where('workspace_id', '=', user.workspace_id)
      .where('id', '=', user.id)
      .execute();
    await revokeUserSessions(tx, user.workspace_id, user.id);
    await writeAuditAs(tx, user.workspace_id, null, {
      action: 'user.passwordReset',
      targetType: 'user',
      targetId: user.id,
      details: { via: 'rapport password (command line)' },
    });
  });
  return { active: user.active };
}

export async function passwordCommand(
  config: Config,
  args: string[],
  flag: (args: string[], name: string) => string | undefined,
): Promise<void> {
  const email = flag(args, 'email')?.trim().toLowerCase();
  const password = flag(args, 'password');
  if (!email) throw new CliError('--email is required');
  if (!password) throw new CliError('--password is required');
  const problem = passwordProblems(password);
  if (problem) throw new CliError(`--password: ${problem}`);
  const { openAndMigrate } = await import('../../main');
  const store = await openAndMigrate(config);
  try {
    const done = await setPasswordByEmail(store.db, email, password);
    if (!done) throw new CliError(`No user has the email ${email}`);
    const note = done.active ? '' : ' The user is deactivated: an admin must reactivate them.';
    process.stdout.write(`Password of ${email} set; their sessions ended.${note}\n`);
  } finally {
    await store.close();
  }
}
