// Delete a record from its page, find it in the recycle bin, restore it.
export const tests = [
  {
    name: 'a deleted company comes back from the recycle bin',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const company = await t.api('POST', '/api/v1/objects/companies', { name: `Initech ${u}` });
      await page.goto(`/companies/${company.id}`);
      await page.getByRole('heading', { name: `Initech ${u}` }).waitFor();
      page.once('dialog', (d) => d.accept());
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Delete' }).click();
      await page.waitForURL(/\/companies$/);
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Recycle bin' }).click();
      await page.waitForURL(/\/recycle-bin$/);
      const row = page.getByRole('row', { name: new RegExp(`Initech ${u}`) });
      await row.getByRole('button', { name: 'Restore' }).click();
      await page.getByText(`"Initech ${u}" restored.`).waitFor();
      const back = await t.api('GET', `/api/v1/objects/companies/${company.id}`);
      t.expect(back.name === `Initech ${u}`, 'the company is readable again');
    },
  },
];
