// Sign in (with "remember me"), the first page a rep sees, and sign out.
export const tests = [
  {
    name: 'a wrong password is refused with a message; the right one opens My day',
    async run(t) {
      const { page } = t;
      await page.goto('/contacts');
      await page.waitForURL(/\/signin\?next=%2Fcontacts/);
      await t.screenshot('signin');
      await page.getByLabel('Email').fill(t.admin.email);
      await page.getByLabel(/^Password/).fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong email or password').waitFor();
      await page.getByLabel(/^Password/).fill(t.admin.password);
      await page.getByLabel('Keep me signed in on this device').check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back to the page that was asked for.
      await page.waitForURL(/\/contacts$/);
      const cookies = await t.context.cookies();
      const session = cookies.find((c) => c.name === 'rapport_session');
      t.expect(session && session.expires > Date.now() / 1000 + 3600, '"remember me" gives a lasting cookie');
      t.expect(session.httpOnly, 'the session cookie is httpOnly');
    },
  },
  {
    name: 'My day greets the user and signing out returns to sign-in',
    async run(t) {
      const { page } = t;
      await t.signIn();
      await page.getByRole('heading', { name: /Good day/ }).waitFor();
      await t.screenshot('my-day');
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin/);
      const me = await t.context.request.get(`${t.base}/api/v1/auth/me`);
      t.expect(me.status() === 401, 'the session ended on the server');
    },
  },
];
