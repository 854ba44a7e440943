#!/usr/bin/env node
// End-to-end tests in a real browser (Debian's Chromium, driven by playwright-core) against the
// real server on a fresh embedded store: builds the web app, starts `rapport start` on a free
// port with a temporary DATA_DIR, waits for /healthz, runs apps/web/e2e/*.spec.mjs, stops the
// server. Without /usr/bin/chromium it prints a skip line and exits 0 — except in CI (CI=true),
// where a missing browser is a failure. Screenshots go to artifacts/screenshots/ (git-ignored).
//
//   node scripts/e2e.mjs                 all specs
//   node scripts/e2e.mjs board palette   only specs whose file name contains one of the words
//   E2E_SKIP_BUILD=1 node scripts/e2e.mjs   reuse apps/web/dist
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true';

if (!fs.existsSync(CHROMIUM)) {
  console.log(`e2e: skipped — ${CHROMIUM} is not installed (apt-get install chromium)`);
  process.exit(ci ? 1 : 0);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, server, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    const kill = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

const filters = process.argv.slice(2);
if (!process.env.E2E_SKIP_BUILD) {
  console.log('e2e: building the web app…');
  const build = spawnSync('npm', ['run', 'build', '-w', '@rapport/web'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    console.log('e2e: 0 passed, 1 failed (the web app did not build)');
    process.exit(1);
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const admin = { email: 'admin@e2e.example', password: 'e2e-admin-password' };
const logFile = path.join(root, 'artifacts', 'e2e-server.log');
fs.mkdirSync(path.dirname(logFile), { recursive: true });
const log = fs.openSync(logFile, 'w');
const server = spawn(process.execPath, [path.join(root, 'apps/server/bin/rapport.mjs'), 'start'], {
  cwd: root,
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    RAPPORT_ADMIN_EMAIL: admin.email,
    RAPPORT_ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '1000',
    NODE_ENV: 'production',
  },
  stdio: ['ignore', log, log],
});

let exitCode = 1;
try {
  await waitForHealth(base, server, 180_000);
  console.log(`e2e: server healthy at ${base} (data in ${dataDir})`);
  const { runSpecs } = await import(pathToFileURL(path.join(root, 'apps/web/e2e/runner.mjs')).href);
  const { passed, failed } = await runSpecs({ base, admin, chromium: CHROMIUM, filters, root });
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  exitCode = failed > 0 || passed === 0 ? 1 : 0;
} catch (err) {
  console.error(`e2e: ${err.stack ?? err}`);
  console.error(`e2e: server log in ${path.relative(root, logFile)}`);
  console.log('e2e: 0 passed, 1 failed');
} finally {
  await stopServer(server);
  fs.closeSync(log);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
