// Accessibility: axe-core (the engine, injected into the page; no browser download) on the main
// pages — sign-in, contacts list, a contact's record page, the deals board, settings — failing on
// any serious or critical WCAG 2 A/AA violation; and a keyboard-only walk: Tab from the top of the
// page reaches the search / command palette and then the main navigation.
import fs from 'node:fs';
import { createRequire } from 'node:module';

// Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an
// injected <script> tag.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical WCAG 2 A/AA violations axe finds on the page as it is now. */
async function axeViolations(t, label) {
  const { page } = t;
  // Let lazy chunks and queries settle, so what is checked is what a person sees.
  await page.waitForLoadState('networkidle');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes
          .slice(0, 5)
          .map(
            (n) =>
              `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''} · ${n.html.slice(0, 160)}`,
          ),
      }));
  });
  return violations.map((v) => ({ ...v, page: label }));
}

function expectClean(t, violations) {
  t.expect(
    violations.length === 0,
    `no serious/critical accessibility violations, found:\n${violations
      .map((v) => `[${v.impact}] ${v.page} · ${v.id}: ${v.help}\n      ${v.nodes.join('\n      ')}`)
      .join('\n')}`,
  );
}

export const tests = [
  {
    name: 'sign-in page has no serious or critical axe violations',
    async run(t) {
      await t.page.goto('/signin');
      await t.page.getByLabel('Email').waitFor();
      expectClean(t, await axeViolations(t, 'sign-in'));
    },
  },
  {
    name: 'contacts list, a contact record page, the deals board and settings pass axe',
    async run(t) {
      const { page } = t;
      await t.signIn();
      const tag = t.unique();
      const company = await t.api('POST', '/api/v1/objects/companies', { name: `A11y Co ${tag}` });
      const contact = await t.api('POST', '/api/v1/objects/contacts', {
        firstName: 'Ada',
        lastName: `A11y ${tag}`,
        email: `ada.${tag}@example.com`,
        phone: '+86 10 5555 0101',
        companyId: company.id,
      });
      const pipeline = await t.defaultPipeline();
      await t.api('POST', '/api/v1/objects/deals', {
        name: `A11y deal ${tag}`,
        amount: { amount: '1000', currency: 'CNY' },
        pipelineId: pipeline.id,
        stageId: pipeline.stages[0].id,
      });

      const found = [];
      await page.goto('/contacts');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.getByText(`A11y ${tag}`).first().waitFor();
      found.push(...(await axeViolations(t, 'the contacts list')));

      await page.goto(`/contacts/${contact.id}`);
      await page.getByRole('heading', { level: 1, name: new RegExp(`A11y ${tag}`) }).waitFor();
      found.push(...(await axeViolations(t, 'a contact record page')));

      await page.goto('/deals?view=board');
      await page.getByText(`A11y deal ${tag}`).first().waitFor();
      found.push(...(await axeViolations(t, 'the deals board')));

      await page.goto('/settings');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      found.push(...(await axeViolations(t, 'settings')));
      expectClean(t, found);
    },
  },
  {
    name: 'keyboard only: Tab from the top reaches the search / command palette, then the main navigation',
    async run(t) {
      const { page } = t;
      await t.signIn();
      await page.goto('/contacts');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      // Start from the top of the document, as after loading the page.
      await page.evaluate(() => {
        document.activeElement?.blur?.();
        window.scrollTo(0, 0);
      });
      const order = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        order.push(
          await page.evaluate(() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const name =
              el.getAttribute('aria-label') ||
              (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
              el.textContent ||
              el.getAttribute('placeholder') ||
              '';
            return {
              tag: el.tagName.toLowerCase(),
              name: name.trim().replace(/\s+/g, ' ').slice(0, 60),
              href: el.getAttribute('href'),
              inNav: Boolean(el.closest('nav')),
              visible: (() => {
                const r = el.getBoundingClientRect();
                return r.width > 0 && r.height > 0;
              })(),
            };
          }),
        );
      }
      const seen = order.filter(Boolean);
      const describe = seen
        .map((e, i) => `${i + 1}. ${e.tag} "${e.name}"${e.href ? ` → ${e.href}` : ''}`)
        .join('\n');
      t.expect(seen.length > 5, `Tab moves focus through the page:\n${describe}`);
      t.expect(
        seen.every((e) => e.visible),
        `every element Tab reaches is visible:\n${describe}`,
      );
      const search = seen.findIndex((e) => /search|⌘K|Ctrl\+K|command/i.test(e.name));
      const contacts = seen.findIndex((e) => e.href === '/contacts');
      const deals = seen.findIndex((e) => e.href?.startsWith('/deals'));
      const companies = seen.findIndex((e) => e.href === '/companies');
      t.expect(search >= 0, `Tab reaches the search / command palette:\n${describe}`);
      t.expect(
        contacts >= 0 && deals >= 0 && companies >= 0,
        `Tab reaches the main navigation:\n${describe}`,
      );
      // The header's search comes before the navigation, and the navigation before the page's content.
      t.expect(
        search < Math.min(contacts, deals, companies),
        `search comes before the navigation:\n${describe}`,
      );
      const firstContent = seen.findIndex((e, i) => i > Math.max(contacts, deals, companies) && !e.inNav);
      t.expect(
        seen.slice(0, Math.max(contacts, deals, companies)).filter((e) => !e.inNav).length <= 6,
        `the navigation comes early, not after the page's content:\n${describe}`,
      );
      t.expect(
        firstContent === -1 || firstContent > companies,
        `content follows the navigation:\n${describe}`,
      );
      // The palette opens from the keyboard wherever focus is. (Enter on the search button after
      // Shift+Tab back to it passed here and failed in CI on 2026-12-06; not yet understood.)
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: /Search anyone/ }).waitFor();
      await t.screenshot('keyboard-palette');
    },
  },
];
