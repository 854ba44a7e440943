// The phone layout at 390 px: no sideways scrolling, bottom navigation, tap-to-call and
// tap-to-mail, quick log one thumb away.
const phone = { viewport: { width: 390, height: 844 }, touch: true };

async function noSidewaysScroll(t, where) {
  const { scroll, client } = await t.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  t.expect(scroll <= client, `${where}: the page is ${scroll}px wide on a ${client}px screen`);
}

export const tests = [
  {
    name: 'My day, a list and a record fit a 390 px screen with bottom navigation',
    ...phone,
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const contact = await t.api('POST', '/api/v1/objects/contacts', {
        firstName: 'Grace',
        lastName: `Hopper ${u}`,
        email: `grace.${u}@example.com`,
        phone: '+1 415 555 0100',
        title: 'Rear admiral of software',
      });
      await page.goto('/my-day');
      await page.getByRole('heading', { name: /Good day/ }).waitFor();
      await noSidewaysScroll(t, 'My day');
      const nav = page.getByRole('navigation', { name: 'Main navigation' }).last();
      const box = await nav.boundingBox();
      t.expect(box && box.y > 844 - 80, `the navigation sits at the bottom (y=${box?.y})`);
      const fab = page.getByRole('button', { name: 'Log a call' }).last();
      const fabBox = await fab.boundingBox();
      t.expect(
        fabBox && fabBox.x > 390 / 2 && fabBox.y > 844 / 2,
        `quick log is in thumb reach (${JSON.stringify(fabBox)})`,
      );
      await t.screenshot('phone-my-day');

      await nav.getByRole('link', { name: 'Contacts' }).click();
      await page.waitForURL(/\/contacts/);
      await page.getByLabel(/Search Contacts/).fill(u);
      await page.locator(`a[href="tel:+14155550100"]`).first().waitFor();
      await page.locator(`a[href="mailto:grace.${u}@example.com"]`).first().waitFor();
      await noSidewaysScroll(t, 'the contacts list');
      await t.screenshot('phone-contacts');

      await page.goto(`/contacts/${contact.id}`);
      await page.getByRole('heading', { name: `Grace Hopper ${u}` }).waitFor();
      await page.getByRole('link', { name: 'Call' }).waitFor();
      await noSidewaysScroll(t, 'the contact page');
      await t.screenshot('phone-contact');

      await fab.click();
      await page.getByRole('dialog').getByRole('combobox', { name: 'Who with' }).waitFor();
      await noSidewaysScroll(t, 'the quick log');
      await t.screenshot('phone-quick-log');
    },
  },
];
