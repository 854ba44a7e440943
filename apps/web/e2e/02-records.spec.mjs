// Create and edit records: a company from its list, a contact linked to it, a field edited on the
// record page, and a cell edited in place in the list with the keyboard.
export const tests = [
  {
    name: 'create a company and a contact at it, then edit fields on the record page and in the list',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();

      await page.goto('/companies');
      await page.getByRole('heading', { name: 'Companies' }).waitFor();
      await page.getByRole('button', { name: 'New', exact: true }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Name/).fill(`Acme ${u}`);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: `Acme ${u}` }).waitFor();

      // Edit a section: the phone becomes a tap-to-call link.
      await page.getByRole('button', { name: 'Edit Details' }).click();
      await page.getByLabel('Phone', { exact: true }).fill('+86 21 5555 0101');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Saved', { exact: true }).waitFor();
      await page.locator('a[href="tel:+862155550101"]').first().waitFor();
      await t.screenshot('company-record');

      // A contact at that company, picked by typing its name.
      await page.goto('/contacts');
      await page.getByRole('button', { name: 'New', exact: true }).first().click();
      await dialog.getByLabel(/^First name/).fill('Ada');
      await dialog.getByLabel(/^Last name/).fill(`Lovelace ${u}`);
      await dialog.getByLabel(/^Email/).fill(`ada.${u}@example.com`);
      await dialog.getByLabel(/^Company/).fill(`Acme ${u}`);
      await page.getByRole('option', { name: `Acme ${u}` }).click();
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
      const contactId = page.url().split('/').pop();
      await page
        .getByRole('link', { name: `Acme ${u}` })
        .first()
        .waitFor();
      await page.locator(`a[href="mailto:ada.${u}@example.com"]`).first().waitFor();

      // Inline edit in the list: search, focus the grid, move to the Title column, F2, type, Enter.
      await page.goto(`/contacts?q=${encodeURIComponent(u)}`);
      const grid = page.getByRole('grid');
      await grid.getByRole('row').nth(1).waitFor();
      await t.screenshot('contacts-list');
      const headers = await grid.getByRole('columnheader').allInnerTexts();
      const titleCol = headers.findIndex((h) => h.trim() === 'Job title');
      t.expect(titleCol > 0, `the Job title column is shown (columns: ${headers.join(', ')})`);
      await grid.focus();
      for (let i = 1; i < titleCol; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('F2');
      await page.keyboard.type('Analyst');
      await page.keyboard.press('Enter');
      await grid.getByText('Analyst').waitFor();
      const saved = await t.api('GET', `/api/v1/objects/contacts/${contactId}`);
      t.expect(saved.title === 'Analyst', `the title was saved (got ${saved.title})`);
    },
  },
  {
    name: 'a refused save keeps the typed values and shows the message next to the field',
    async run(t) {
      const { page } = t;
      await t.signIn();
      await page.goto('/companies');
      await page.getByRole('button', { name: 'New', exact: true }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Domain/).fill('example.org');
      await dialog.getByRole('button', { name: 'Create' }).click();
      // The server requires a name: its message shows under Name, the domain is still there.
      const name = dialog.getByLabel(/^Name/);
      await name.and(page.locator('[aria-invalid="true"]')).waitFor();
      const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
      const message = await page.evaluate(
        (ids) =>
          ids
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        describedBy,
      );
      t.expect(message.trim().length > 0, `a message is tied to the Name field (${message})`);
      t.expect(
        (await dialog.getByLabel(/^Domain/).inputValue()) === 'example.org',
        'the typed domain is kept',
      );
      await t.screenshot('form-server-error');
    },
  },
];
