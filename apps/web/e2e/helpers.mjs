// What specs share: signing in through the form, calling the API as the signed-in user (with the
// session's CSRF token) to set up data, screenshots, and a small assertion helper.
import path from 'node:path';

export function makeHelpers({ page, context, base, admin, shots }) {
  let csrf = null;
  const t = {
    page,
    context,
    base,
    admin,
    unique: () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`,

    async signIn(email = admin.email, password = admin.password) {
      csrf = null; // a new session has a new CSRF token
      await page.goto('/signin');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/^Password/).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/my-day/);
      // The shell (and its Ctrl+K listener) is a lazy chunk: wait until it is on screen.
      await page.locator('header').first().waitFor();
    },

    /**
     * Ctrl+K until the palette's search box is there. A key pressed while the shell is still
     * mounting can be lost, as it would be for a person, who would press it again.
     */
    async openPalette(name = /Search anyone/) {
      const input = page.getByRole('combobox', { name });
      for (let attempt = 0; attempt < 5; attempt++) {
        if (await input.isVisible()) return input;
        if (!(await page.getByRole('dialog').first().isVisible())) await page.keyboard.press('Control+K');
        try {
          await input.waitFor({ timeout: 2_000 });
          return input;
        } catch {
          // not yet: look again
        }
      }
      await input.waitFor();
      return input;
    },

    /** JSON API call with the browser context's cookie (same session as the page). */
    async api(method, url, body) {
      if (!csrf && method !== 'GET') {
        const me = await context.request.get(`${base}/api/v1/auth/me`);
        csrf = (await me.json()).csrfToken;
      }
      const res = await context.request.fetch(`${base}${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        data: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${text}`);
      return text ? JSON.parse(text) : null;
    },

    async screenshot(name, opts = {}) {
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: opts.fullPage ?? false });
    },

    expect(cond, message) {
      if (!cond) throw new Error(`expected: ${message}`);
    },

    async defaultPipeline() {
      const { data } = await t.api('GET', '/api/v1/pipelines');
      return data.find((p) => p.isDefault) ?? data[0];
    },
  };
  return t;
}
