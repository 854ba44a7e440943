// Switch to Chinese: every label, date and amount follows; the choice is saved on the account.
export const tests = [
  {
    name: 'a user switches to Chinese and the app stays Chinese after a reload',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const email = `rep.${u}@example.cn`;
      await t.api('POST', '/api/v1/users', {
        email,
        name: `李娜 ${u}`,
        password: 'a good rep password',
        role: 'rep',
      });
      const p = await t.defaultPipeline();
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin/);

      await t.signIn(email, 'a good rep password');
      await t.api('POST', '/api/v1/objects/deals', {
        name: `华东项目 ${u}`,
        amount: { amount: '88000', currency: 'CNY' },
        pipelineId: p.id,
        stageId: p.stages[0].id,
        closeDate: '2027-03-15',
      });
      await page.goto('/account');
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('heading', { name: '我的账户' }).waitFor();
      await page.getByText('语言已保存').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: '我的账户' }).waitFor();
      await page.getByRole('link', { name: '联系人' }).first().waitFor();
      const lang = await page.evaluate(() => document.documentElement.lang);
      t.expect(lang === 'zh-CN', `the page language is zh-CN (${lang})`);

      await page.goto('/deals');
      await page.getByRole('heading', { name: '商机' }).waitFor();
      const row = page.getByRole('row', { name: new RegExp(`华东项目 ${u}`) });
      await row.waitFor();
      const text = await row.textContent();
      t.expect(text.includes('¥88,000.00'), `the amount is formatted for Chinese (${text})`);
      t.expect(text.includes('2027年3月15日'), `the close date is formatted for Chinese (${text})`);
      await t.screenshot('deals-list-zh');
      await page.goto('/my-day');
      await page.getByRole('heading', { name: /您好/ }).waitFor();
      await t.screenshot('my-day-zh');
    },
  },
];
