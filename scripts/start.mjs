// `npm start`: builds the web app when apps/web/dist is missing or stale, then runs the server
// (`rapport start`): the CRM at http://localhost:3000 on the embedded store in ./data, or on the
// PostgreSQL server named by DATABASE_URL. Signals go to the server, which shuts down cleanly.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { root, webBuildState } from './webBuild.mjs';

const say = (m) => process.stdout.write(`[rapport] ${m}\n`);

const web = webBuildState();
if (web.state === 'none') {
  say('The web app has no sources yet: starting the API only.');
} else if (web.state === 'build') {
  say(`Building the web app (${web.reason})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', '@rapport/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(
      'The web app failed to build (see above). Fix it, or run the API alone with: node apps/server/bin/rapport.mjs start',
    );
    process.exit(r.status ?? 1);
  }
}

const server = spawn(
  process.execPath,
  [path.join(root, 'apps/server/bin/rapport.mjs'), 'start', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
