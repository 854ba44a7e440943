// Filter a list with the filter builder, save it as a view, and find it again after a reload.
export const tests = [
  {
    name: 'filter deals by amount, save the view, reopen it',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const p = await t.defaultPipeline();
      for (const [name, amount] of [
        [`Small ${u}`, '100'],
        [`Large ${u}`, '90000'],
      ])
        await t.api('POST', '/api/v1/objects/deals', {
          name,
          amount: { amount, currency: 'CNY' },
          pipelineId: p.id,
          stageId: p.stages[0].id,
        });

      await page.goto(`/deals?q=${u}`);
      const grid = page.getByRole('grid');
      await grid.getByText(`Small ${u}`).waitFor();
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.getByRole('button', { name: 'Add condition' }).click();
      await page.getByRole('combobox', { name: 'Field of condition 1' }).click();
      await page.getByRole('option', { name: 'Amount', exact: true }).click();
      await page.getByRole('combobox', { name: 'Operator of condition 1' }).click();
      await page.getByRole('option', { name: 'at least' }).click();
      await page.getByRole('textbox', { name: 'Value of condition 1' }).fill('5000');
      await t.screenshot('filter-builder');
      await page.getByRole('button', { name: 'Apply' }).click();
      await grid.getByText(`Small ${u}`).waitFor({ state: 'detached' });
      await grid.getByText(`Large ${u}`).waitFor();

      // The CSV export link carries the same search and filter.
      const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      const csv = await (await t.context.request.get(`${t.base}${href}`)).text();
      t.expect(
        csv.includes(`Large ${u}`) && !csv.includes(`Small ${u}`),
        `the export has the filtered deals only (${href})`,
      );

      await page.getByRole('button', { name: 'Saved views' }).click();
      await page.getByRole('menuitem', { name: 'Save as new view…' }).click();
      await page
        .getByRole('dialog')
        .getByLabel(/^View name/)
        .fill(`Big deals ${u}`);
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/[?&]view=[0-9a-f-]{36}/);
      const viewUrl = new URL(page.url());
      const viewId = viewUrl.searchParams.get('view');

      // The view alone (no filter in the URL) brings the filter back.
      await page.goto(`/deals?view=${viewId}&q=${u}`);
      await page.getByRole('button', { name: 'Saved views' }).getByText(`Big deals ${u}`).waitFor();
      await grid.getByText(`Large ${u}`).waitFor();
      t.expect((await grid.getByText(`Small ${u}`).count()) === 0, 'the saved filter applies');
      const view = await t.api('GET', `/api/v1/views/${viewId}`);
      t.expect(
        view.filters.some((f) => f.field === 'amount' && f.op === 'gte'),
        'the view stores the amount filter',
      );
    },
  },
];
