// Admin settings: every screen opens with real data, and a custom field added in the UI shows up
// on the object's list filters and record form at once.
export const tests = [
  {
    name: 'each settings screen opens; a custom field added here appears in the new-record form',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const screens = [
        ['company', 'Company'],
        ['users', 'Users'],
        ['teams', 'Teams'],
        ['units', 'Business units'],
        ['roles', 'Roles & permissions'],
        ['objects', 'Objects & fields'],
        ['pipelines', 'Pipelines'],
        ['layouts', 'Page layouts'],
      ];
      for (const [path, title] of screens) {
        await page.goto(`/settings/${path}`);
        await page.getByRole('heading', { name: title, exact: true }).waitFor();
        await page
          .getByText('Something went wrong')
          .waitFor({ state: 'detached', timeout: 2000 })
          .catch(() => {
            throw new Error(`settings/${path} shows an error`);
          });
        if (path === 'roles' || path === 'users' || path === 'pipelines')
          await t.screenshot(`settings-${path}`, { fullPage: true });
      }

      await page.goto('/settings/objects/contacts');
      await page.getByRole('button', { name: 'Add field' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Label \(English\)/).fill(`Wechat group ${u}`);
      await dialog.getByLabel(/^Label \(Chinese\)/).fill(`微信群 ${u}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved').waitFor();
      await page.getByRole('cell', { name: new RegExp(`^Wechat group ${u}`) }).waitFor();

      await page.goto('/contacts');
      await page.getByRole('button', { name: 'New', exact: true }).first().click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /Show \d+ more fields/ })
        .click();
      await page.getByRole('dialog').getByLabel(`Wechat group ${u}`).waitFor();
    },
  },
];
