// The server under test, started as a child process exactly as an operator starts it
// (`node apps/server/bin/rapport.mjs start`), on a loopback port, with the bench database.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ServerEnv {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  adminEmail: string;
  adminPassword: string;
  logFile: string;
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

export async function startServer(env: ServerEnv, log: (m: string) => void): Promise<RunningServer> {
  const out = fs.openSync(env.logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'apps/server/bin/rapport.mjs'), 'start'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(env.port),
        DATA_DIR: env.dataDir,
        ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
        RAPPORT_ADMIN_EMAIL: env.adminEmail,
        RAPPORT_ADMIN_PASSWORD: env.adminPassword,
        LOG_LEVEL: 'warn',
        // The benchmark measures requests, not the built web app.
        WEB_DIST: path.join(root, '.tmp/bench-no-web'),
      },
      stdio: ['ignore', out, out],
    },
  );
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = code ?? -1;
      fs.closeSync(out);
      resolve();
    });
  });
  const baseUrl = `http://127.0.0.1:${env.port}`;
  // Bounded wait: a first start on PGlite initialises and migrates the database (tens of seconds).
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null)
      throw new Error(`The server exited with ${exited} while starting; see ${env.logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not answer /healthz within 180 s; see ${env.logFile}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`  server ${child.pid} ready at ${baseUrl}`);
  return {
    baseUrl,
    pid: child.pid!,
    async stop() {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
