// `rapport <verb>`: start, migrate, worker, admin create, … Each verb is a small function.
import { loadConfig, ConfigError } from '../platform/config';
import { DataDirLockedError } from '../platform/db/lock';

const usage = `Usage: rapport <command>

Commands:
  start                                   run the CRM (HTTP server and workers)
  migrate                                 apply database migrations and exit
  worker                                  run background workers only (needs DATABASE_URL)
  admin create --email E --password P     create an admin (and the workspace, if none exists)
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export async function main(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
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
        const cmd = verb ? extra[verb] : undefined;
        if (cmd) {
          await cmd(loadConfig(), rest, flag);
          return;
        }
      }
    }
    process.stderr.write(usage);
    process.exitCode = verb ? 2 : 0;
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof DataDirLockedError ||
      (err as Error).name === 'CliError'
    ) {
      process.stderr.write(`rapport: ${(err as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
