// `rapport <verb>`: start, migrate, worker, admin create, backup, restore, migrate-to. Each verb is a
// small function; a failure the user can fix prints one line and exits 1, never a stack trace.
import { ConfigError, loadConfig } from '../platform/config';
import { DataDirLockedError } from '../platform/db/lock';

const usage = `Usage: rapport <command>

Commands:
  start                                   run the CRM (HTTP server and workers)
  migrate                                 apply database migrations and exit
  worker                                  run background workers only (needs DATABASE_URL)
  admin create --email E --password P     create an admin (and the workspace, if none exists)
  password --email E --password P         set a user's password and end their sessions
  backup FILE [--force]                   write a backup of the database and files to FILE
  restore FILE [--force]                  restore a backup into an empty database (--force: replace)
  migrate-to postgres://… [--force]       copy the embedded store into an empty PostgreSQL database

The database is DATA_DIR (default ./data), or the PostgreSQL server named by DATABASE_URL.
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1] ?? '';
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
]);

/** PostgreSQL connection failures, said in one line with what to check. */
function connectionProblem(err: unknown): string | null {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e?.code ?? e?.errors?.[0]?.code;
  if (!code) return null;
  if (connectionCodes.has(code)) {
    return `cannot reach the PostgreSQL server (${code}): check DATABASE_URL and that the server is running`;
  }
  if (code === '28P01' || code === '28000') return `PostgreSQL refused the sign-in: ${e.message}`;
  if (code === '3D000') return `${e.message}: create the database first (createdb), or fix DATABASE_URL`;
  return null;
}

export async function main(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') {
    process.stdout.write(usage);
    return;
  }
  try {
    const commands = await import('./commands');
    switch (verb) {
      case 'start':
        await commands.startCommand(loadConfig());
        return;
      case 'migrate':
        await commands.migrateCommand(loadConfig());
        return;
      case 'worker':
        await commands.workerCommand(loadConfig());
        return;
      case 'admin':
        if (rest[0] !== 'create') break;
        await commands.adminCreateCommand(loadConfig(), {
          email: flag(rest, 'email'),
          password: flag(rest, 'password'),
          name: flag(rest, 'name'),
        });
        return;
      default: {
        const extra = await commands.extraCommands();
        const cmd = extra[verb];
        if (cmd) {
          await cmd(loadConfig(), rest, flag);
          return;
        }
        process.stderr.write(`rapport: unknown command ${JSON.stringify(verb)}\n\n`);
      }
    }
    process.stderr.write(usage);
    process.exitCode = 2;
  } catch (err) {
    const problem =
      err instanceof ConfigError || err instanceof DataDirLockedError || (err as Error)?.name === 'CliError'
        ? (err as Error).message
        : connectionProblem(err);
    if (problem) {
      process.stderr.write(`rapport: ${problem}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
