// `npm run dev`: the API on :3000, restarted when server code changes (node --watch), and the web
// app's Vite dev server on :5173 with hot reload, proxying /api to the API. Open http://localhost:5173.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };

const children = [
  spawn(
    process.execPath,
    [
      '--watch-path=apps/server/src',
      '--watch-path=packages/contracts/src',
      '--watch-preserve-output',
      'apps/server/bin/rapport.mjs',
      'start',
    ],
    { cwd: root, env, stdio: 'inherit' },
  ),
  spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'dev', '-w', '@rapport/web'], {
    cwd: root,
    env,
    stdio: 'inherit',
  }),
];
process.stdout.write('[rapport] API on http://localhost:3000, web app on http://localhost:5173\n');

let exiting = false;
const stopAll = (signal) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) if (c.exitCode === null) c.kill(signal);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
// One of the two ending (a crash, a port in use) ends the other, so nothing is left running.
for (const c of children) {
  c.on('exit', (code) => {
    stopAll('SIGTERM');
    if (children.every((x) => x.exitCode !== null || x.signalCode !== null)) process.exit(code ?? 0);
  });
}
