// Ctrl+K: find a contact by pinyin and jump to it; "Log a call" from the palette, with an outcome
// and a follow-up task, lands on the contact's timeline.
export const tests = [
  {
    name: 'log a call from Ctrl+K for a contact found by pinyin',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const contact = await t.api('POST', '/api/v1/objects/contacts', {
        firstName: '伟',
        lastName: '张',
        email: `zhang.wei.${u}@example.cn`,
        phone: '+86 138 0013 8000',
      });

      const input = await t.openPalette();
      await input.fill('log');
      await page.getByRole('option', { name: 'Log a call' }).waitFor();
      await t.screenshot('command-palette');
      await page.keyboard.press('Enter');

      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: 'Who with' }).fill('zhangwei');
      await page.getByRole('option', { name: /张伟/ }).first().click();
      await dialog.getByText('Connected', { exact: true }).click();
      await dialog.getByLabel('Notes').fill(`Discussed the renewal ${u}`);
      t.expect(
        await dialog.getByLabel('Create a follow-up task').isChecked(),
        'the follow-up task is proposed',
      );
      await t.screenshot('quick-log');
      await dialog.getByRole('button', { name: 'Log call' }).click();
      await page.getByText('Call logged').waitFor();

      // Jump to the contact from the palette by pinyin initials plus the e-mail part.
      await (await t.openPalette()).fill(`zhang.wei.${u}`);
      await page.getByRole('option', { name: /张伟/ }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/contacts/${contact.id}$`));
      await page.getByText(`Discussed the renewal ${u}`).waitFor();
      const { data } = await t.api('POST', '/api/v1/objects/activities/search', {
        filters: [
          { field: 'type', op: 'eq', value: 'task' },
          { field: 'doneAt', op: 'isEmpty' },
        ],
        sort: [{ field: 'createdAt', direction: 'desc' }],
        limit: 20,
      });
      t.expect(
        data.some((a) => (a.relatedTo ?? []).some((r) => r.id === contact.id)),
        'the follow-up task was created for the contact',
      );
      await t.screenshot('contact-record');
    },
  },
];
