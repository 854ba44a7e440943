// A small test runner for the browser specs: one Chromium, a fresh browser context per test,
// a screenshot on failure, a line per test. Specs export `tests`: [{name, viewport?, run(t)}].
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { makeHelpers } from './helpers.mjs';

export async function runSpecs({ base, admin, chromium: executablePath, filters, root }) {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const shots = path.join(root, 'artifacts', 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.spec.mjs'))
    .filter((f) => !filters.length || filters.some((w) => f.includes(w)))
    .sort();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const file of files) {
      const { tests } = await import(pathToFileURL(path.join(dir, file)).href);
      for (const test of tests) {
        const context = await browser.newContext({
          baseURL: base,
          viewport: test.viewport ?? { width: 1366, height: 860 },
          locale: test.locale ?? 'en-US',
          timezoneId: 'Asia/Shanghai',
          hasTouch: Boolean(test.touch),
          isMobile: Boolean(test.touch),
        });
        context.setDefaultTimeout(15_000);
        const page = await context.newPage();
        const consoleErrors = [];
        page.on('pageerror', (e) => consoleErrors.push(String(e)));
        const label = `${file.replace('.spec.mjs', '')} › ${test.name}`;
        const started = Date.now();
        try {
          const t = makeHelpers({ page, context, base, admin, shots });
          await test.run(t);
          if (consoleErrors.length)
            throw new Error(`uncaught errors in the page:\n${consoleErrors.join('\n')}`);
          passed++;
          console.log(`  ✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        } catch (err) {
          failed++;
          const shot = path.join(shots, `FAILED-${label.replace(/[^\w-]+/g, '_')}.png`);
          await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
          console.log(
            `  ✗ ${label}\n    ${String(err?.stack ?? err)
              .split('\n')
              .slice(0, 8)
              .join('\n    ')}\n    screenshot: ${path.relative(root, shot)}`,
          );
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return { passed, failed };
}
