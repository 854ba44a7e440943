// `rapport start` as a real child process: first admin, graceful shutdown with a request in flight,
// a restart on the same data, the data-directory lock and its takeover after kill -9.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Child, killQuietly, listeningPort, runRapport, spawnRapport } from './fixtures/processes';

// Whole server processes: start-up alone takes seconds on a busy machine.
const SLOW = 240_000;
const dirs: string[] = [];
const children: Child[] = [];
afterAll(() => {
  children.forEach(killQuietly);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

let n = 0;
/** A data directory that already holds the migrated template (a fresh PGlite takes seconds to create). */
function dataDir(): string {
  const dir = path.join(path.dirname(inject('templateDir')), `start-${process.pid}-${n++}`);
  fs.cpSync(inject('templateDir'), dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

const ADMIN = {
  RAPPORT_ADMIN_EMAIL: 'owner@example.test',
  RAPPORT_ADMIN_PASSWORD: 'correct horse battery staple',
};
const serverEnv = (dir: string) => ({
  DATA_DIR: dir,
  PORT: '0',
  WEB_DIST: path.join(dir, 'no-web'),
  ...ADMIN,
});

function start(dir: string): Child {
  const c = spawnRapport(['start'], serverEnv(dir));
  children.push(c);
  return c;
}

async function get(port: number, url: string) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`);
  return { status: res.status, body: await res.text() };
}

/** A login whose body arrives in two parts, so the request is still in flight when we want it to be. */
function slowLogin(port: number) {
  const body = JSON.stringify({ email: ADMIN.RAPPORT_ADMIN_EMAIL, password: ADMIN.RAPPORT_ADMIN_PASSWORD });
  const half = Math.floor(body.length / 2);
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, half));
  return { response, finish: () => req.end(body.slice(half)) };
}

describe('rapport start', () => {
  it(
    'creates the first admin, finishes an in-flight request on SIGTERM, exits 0 and starts again',
    async () => {
      const dir = dataDir();
      const server = start(dir);
      const port = await listeningPort(server);
      expect(await get(port, '/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' });
      expect(server.stdout()).toContain('Created the workspace and the admin owner@example.test');

      const slow = slowLogin(port);
      // Fastify logs each request as it begins: from here on the login is in flight.
      await server.waitFor(/"url":"\/api\/v1\/auth\/login"/);
      server.proc.kill('SIGTERM');
      await server.waitFor(/shutting down/);
      slow.finish();
      const res = await slow.response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).user.email).toBe(ADMIN.RAPPORT_ADMIN_EMAIL);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.stdout()).toContain('stopped cleanly');
      expect(fs.existsSync(path.join(dir, 'rapport.lock'))).toBe(false);

      // Same data directory again: the admin from the first run signs in, and no second one is made.
      const again = start(dir);
      const port2 = await listeningPort(again);
      const login = await fetch(`http://127.0.0.1:${port2}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN.RAPPORT_ADMIN_EMAIL, password: ADMIN.RAPPORT_ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      expect(again.stdout()).not.toContain('Created the workspace');
      again.proc.kill('SIGTERM');
      expect(await again.exited).toEqual({ code: 0, signal: null });
    },
    SLOW,
  );

  it(
    'refuses a second process on the same data directory and takes a stale lock over after kill -9',
    async () => {
      const dir = dataDir();
      const first = start(dir);
      await listeningPort(first);
      const lock = fs.readFileSync(path.join(dir, 'rapport.lock'), 'utf8').trim();
      expect(lock).toBe(String(first.proc.pid));

      const second = await runRapport(['start'], serverEnv(dir));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`is in use by another Rapport process (pid ${first.proc.pid})`);
      expect(second.stderr).not.toMatch(/\n\s+at /); // one clear line, no stack trace
      const migrate = await runRapport(['migrate'], { DATA_DIR: dir });
      expect(migrate.code).toBe(1);
      expect(migrate.stderr).toContain('in use by another Rapport process');

      first.proc.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      expect(fs.existsSync(path.join(dir, 'rapport.lock'))).toBe(true); // left behind by the killed process

      const third = start(dir);
      const port = await listeningPort(third);
      expect((await get(port, '/healthz')).status).toBe(200);
      expect(fs.readFileSync(path.join(dir, 'rapport.lock'), 'utf8').trim()).toBe(String(third.proc.pid));
      third.proc.kill('SIGTERM');
      expect(await third.exited).toEqual({ code: 0, signal: null });
    },
    SLOW,
  );
});
