// First run on an empty install. The shared e2e server is set up from RAPPORT_ADMIN_* (so the
// other specs start signed-in-able), hence this spec starts its own server on a fresh DATA_DIR,
// with no admin, and goes through the setup page in the browser: company, currency, time zone,
// language and the first admin. It checks what the server stored and that setup cannot run twice.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

/** A second `rapport start` on an empty embedded store; stop() kills it and removes its data. */
async function emptyServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-setup-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(root, 'artifacts', 'e2e-setup-server.log');
  const log = fs.openSync(logFile, 'w');
  const env = { ...process.env };
  delete env.RAPPORT_ADMIN_EMAIL;
  delete env.RAPPORT_ADMIN_PASSWORD;
  const server = spawn(process.execPath, [path.join(root, 'apps/server/bin/rapport.mjs'), 'start'], {
    cwd: root,
    env: {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', log, log],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      const kill = setTimeout(() => server.kill('SIGKILL'), 15_000);
      server.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    }
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error(
        `the setup server exited early (${server.exitCode}); see artifacts/e2e-setup-server.log`,
      );
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      await stop();
      throw new Error('the setup server did not answer /healthz in time');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, stop };
}

/** A searchable Mantine select: type part of the option, then click it. */
async function pick(page, label, typed, option) {
  const input = page
    .getByRole('textbox', { name: label })
    .or(page.getByLabel(label, { exact: true }))
    .first();
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

export const tests = [
  {
    name: 'an empty install opens the setup page; company, currency, time zone, language and admin create the workspace',
    async run(t) {
      const { page } = t;
      const srv = await emptyServer();
      try {
        const before = await (await fetch(`${srv.base}/api/v1/setup`)).json();
        t.expect(before.needed === true, 'a fresh install needs setup');
        // Any page of an empty install leads to setup.
        await page.goto(`${srv.base}/contacts`);
        await page.waitForURL(/\/setup$/);
        await page.getByRole('heading', { name: 'Welcome to Rapport' }).waitFor();
        await t.screenshot('setup');

        const submit = page.getByRole('button', { name: 'Create workspace' });
        await page.getByLabel('Company name').fill('北京示例科技有限公司');
        await pick(page, 'Currency', 'EUR', 'EUR');
        await pick(page, 'Time zone', 'Berlin', 'Europe/Berlin');
        await page.getByLabel('Your name').fill('Wang Fang');
        await page.getByLabel('Email').fill('wang.fang@setup.example');
        await page.getByLabel(/^Password/).fill('short');
        t.expect(
          await submit.isDisabled(),
          'a password under 8 characters keeps "Create workspace" disabled',
        );
        await page.getByText('At least 8 characters').first().waitFor();
        await page.getByLabel(/^Password/).fill('a-good-long-password');
        // Choosing Chinese switches the page at once.
        await pick(page, 'Language', null, '简体中文');
        await page.getByRole('button', { name: '创建工作区' }).click();

        await page.waitForURL(/\/my-day/);
        await page.getByRole('heading', { name: /Wang Fang，您好/ }).waitFor();
        await t.screenshot('setup-done-my-day');

        const me = await (await page.request.get(`${srv.base}/api/v1/auth/me`)).json();
        t.expect(
          me.user?.email === 'wang.fang@setup.example',
          `the admin is signed in (${JSON.stringify(me.user)})`,
        );
        t.expect(me.user?.role === 'admin', `the first user is an admin (${me.user?.role})`);
        t.expect(
          me.workspace?.name === '北京示例科技有限公司',
          `company name stored (${me.workspace?.name})`,
        );
        t.expect(me.workspace?.currency === 'EUR', `currency stored (${me.workspace?.currency})`);
        t.expect(me.workspace?.timeZone === 'Europe/Berlin', `time zone stored (${me.workspace?.timeZone})`);
        t.expect(
          me.workspace?.locale === 'zh-CN' || me.user?.locale === 'zh-CN',
          `language stored (${me.workspace?.locale} / ${me.user?.locale})`,
        );

        // Setup happens once: the page now sends people to sign-in and the API refuses a second run.
        const after = await (await fetch(`${srv.base}/api/v1/setup`)).json();
        t.expect(after.needed === false, 'setup is no longer needed');
        const again = await fetch(`${srv.base}/api/v1/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            company: 'Hijack',
            currency: 'USD',
            timeZone: 'UTC',
            locale: 'en',
            admin: { name: 'Mallory', email: 'mallory@example.com', password: 'another-long-password' },
          }),
        });
        t.expect(again.status >= 400 && again.status < 500, `a second setup is refused (${again.status})`);
        await page.context().clearCookies();
        await page.goto(`${srv.base}/setup`);
        await page.waitForURL(/\/signin/);
      } finally {
        await srv.stop();
      }
    },
  },
];
