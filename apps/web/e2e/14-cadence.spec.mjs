// The process engine's timed flows in the browser, against the real server and its real pump.
//
// R17 — the nurture cadence made in Settings → Sequences from its ready template, a contact enrolled
// by its owner, a rep, from the contact's page ("Enrol in a sequence" in the actions menu), the
// day-0 thank-you email found in the outbox with its merge fields filled and signed by the contact's
// owner (their name from {{owner.name}}, their signature, their name on From), and the enrolment
// shown with its next step, the day-1 letter, and when — on the contact's page (filled with the
// contact's name) and in Settings (by the contact's name, linking to it). The server has no test
// clock an e2e server could use (platform/clock.ts moves only inside the test process; the server
// integration tests move it and run days 1, 3 and 5 there), so this spec stops at day 0: it checks
// the letter is due one calendar day later and has not been done early. The sequence's business
// hours (Mon–Fri 09:00–18:00 by default) are switched off on the sequence's card so the day-0 email
// does not wait for Monday morning when the spec runs at night or at a weekend.
//
// R18 — the renewal workflow built in Settings → Workflows from the "Renewal reminder" template on a
// custom `contracts` object with an `endDate` date field. date.reached is a scan (each date workflow,
// at most once a minute per process) over the days since the workflow last looked; a new workflow
// looks from today on, so the contract whose end is exactly 30 days away (in the workspace's time
// zone) is created before the workflow, and the spec waits for the next scan (up to ~a minute); a
// second one entered after that scan is reminded at the scan after (so the spec takes ~2 minutes).
// A contract ending in 31 days must not get a task yet. The task goes to the contract's owner (a rep,
// not the admin who made the workflow) and the run shows in the workflow's run history.

async function makeRep(t, u, name) {
  const email = `rep.${u}@example.com`;
  const password = 'a good rep password';
  const user = await t.api('POST', '/api/v1/users', { email, name, password, role: 'rep' });
  return { ...user, email, password };
}

/** Polls fn until it returns something truthy (or fails after `seconds`). */
async function eventually(t, seconds, what, fn) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`expected within ${seconds} s: ${what}`);
    await t.page.waitForTimeout(500);
  }
}

/** YYYY-MM-DD of `days` from today in a time zone. */
function dayIn(zone, days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function tasksOn(t, id) {
  const { data } = await t.api('POST', '/api/v1/objects/activities/search', {
    filters: [{ field: 'type', op: 'eq', value: 'task' }],
    sort: [{ field: 'createdAt', direction: 'desc' }],
    limit: 100,
  });
  return data.filter((a) => (a.relatedTo ?? []).some((r) => r.id === id));
}

export const tests = [
  {
    name: 'R17: the nurture sequence from its template; an enrolled contact gets the owner-signed day-0 email, the letter is next on day 1',
    async run(t) {
      const { page, context } = t;
      const u = t.unique();
      await t.signIn();
      const ws = await t.api('GET', '/api/v1/workspace');
      const rep = await makeRep(t, u, `Wang Fang ${u}`);
      // The signature is the rep's own setting (PATCH /auth/me): set it as the rep.
      await context.clearCookies();
      await t.signIn(rep.email, rep.password);
      const signature = `Wang Fang · Account manager ${u}`;
      await t.api('PATCH', '/api/v1/auth/me', { signature });
      await context.clearCookies();
      await t.signIn();

      await page.goto('/settings/sequences');
      await page.getByRole('button', { name: 'New from “New lead nurture”' }).click();
      await page.getByText('"New lead nurture" created').waitFor();
      const card = page.getByRole('article', { name: 'New lead nurture' }).first();
      const steps = card.getByRole('table', { name: 'Steps' });
      await steps.waitFor();
      const rows = await steps.locator('tbody tr').allInnerTexts();
      const shown = rows.map((r) => r.replace(/\s+/g, ' ').trim());
      t.expect(shown.length === 4, `4 steps shown: ${JSON.stringify(shown)}`);
      for (const [i, [type, wait]] of [
        ['Email', 'At once'],
        ['Letter', '1 day'],
        ['Email', '2 days'],
        ['Call', '2 days'],
      ].entries())
        t.expect(
          shown[i].startsWith(`${i + 1} ${type} ${wait}`),
          `step ${i + 1} is "${type}" after "${wait}": ${shown[i]}`,
        );

      const seq = (await t.api('GET', '/api/v1/sequences')).data.find((s) => s.template === 'nurture');
      t.expect(seq, 'the sequence was made from the nurture template');
      t.expect(
        (await card.textContent()).includes('Emails go out Mon, Tue, Wed, Thu, Fri, 09:00–18:00'),
        'the card shows the default business hours',
      );
      await card.getByRole('button', { name: 'Edit business hours' }).click();
      // By keyboard, as a person tabbing through the form would (the switch's input has no size).
      const bhSwitch = card.getByRole('switch', { name: 'Send emails only in business hours' });
      await bhSwitch.focus();
      await page.keyboard.press('Space');
      t.expect(!(await bhSwitch.isChecked()), 'the switch is off');
      await card.getByRole('button', { name: 'Save business hours' }).click();
      await card.getByText('Emails go out at any time').waitFor();
      const hours = (await t.api('GET', `/api/v1/sequences/${seq.id}`)).businessHours;
      t.expect(hours === null, `business hours off: ${JSON.stringify(hours)}`);

      const email = `mei.chen.${u}@example.com`;
      const contactName = `Mei Chen ${u}`;
      const contact = await t.api('POST', '/api/v1/objects/contacts', {
        firstName: 'Mei',
        lastName: `Chen ${u}`,
        email,
        ownerId: rep.id,
      });

      // The rep enrols their contact from its page.
      await context.clearCookies();
      await t.signIn(rep.email, rep.password);
      await page.goto(`/contacts/${contact.id}`);
      const panel = page.getByRole('region', { name: 'Sequences' });
      await panel.getByText('Not in any sequence').waitFor();
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Enrol in a sequence' }).click();
      const dialog = page.getByRole('dialog', { name: 'Enrol in a sequence' });
      await dialog.getByRole('combobox', { name: 'Sequence' }).click();
      await page.getByRole('option', { name: 'New lead nurture' }).first().click();
      await dialog.getByText('First step: Email: Thank you for your interest, Mei').waitFor();
      await t.screenshot('sequence-enrol-dialog');
      await dialog.getByRole('button', { name: 'Enrol' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(`${contactName} enrolled in "New lead nurture"`).waitFor();
      const { data: mine } = await t.api(
        'GET',
        `/api/v1/sequence-enrollments?object=contacts&recordId=${contact.id}`,
      );
      t.expect(
        mine.length === 1 && mine[0].sequenceId === seq.id,
        `one enrolment, in the nurture sequence: ${JSON.stringify(mine)}`,
      );
      const enrolled = mine[0];

      const enrolment = await eventually(t, 30, 'the day-0 step ran', async () => {
        const e = await t.api('GET', `/api/v1/sequences/${seq.id}/enrollments/${enrolled.id}`);
        return e.steps.length === 1 && e.nextStep?.index === 1 ? e : null;
      });
      t.expect(enrolment.status === 'active', `the enrolment is active (${enrolment.status})`);
      t.expect(enrolment.steps[0].status === 'done', `step 1 done: ${JSON.stringify(enrolment.steps[0])}`);
      t.expect(enrolment.nextStep.type === 'letter', `next is the letter: ${enrolment.nextStep.type}`);
      const wait = Date.parse(enrolment.nextRunAt) - Date.parse(enrolment.steps[0].ranAt);
      // One calendar day in the workspace's zone: 24 h, or 23/25 h across a DST change.
      t.expect(
        wait >= 23 * 3600_000 && wait <= 25 * 3600_000,
        `the letter is due a day after the email (${enrolment.steps[0].ranAt} → ${enrolment.nextRunAt})`,
      );

      // The contact's page shows the enrolment with the letter next, filled with the contact's name.
      await page.reload();
      const onPage = panel.getByRole('row').filter({ hasText: 'New lead nurture' });
      await onPage.getByText(`Letter: Mail the brochure with a personal letter to ${contactName}`).waitFor();
      const pageText = (await onPage.textContent()).replace(/\s+/g, ' ');
      t.expect(pageText.includes('Active'), `the page says Active: ${pageText}`);
      t.expect(!pageText.includes('{{'), `no raw merge field on the page: ${pageText}`);
      t.expect(
        (await onPage.getByRole('button', { name: 'Pause · New lead nurture' }).count()) === 1 &&
          (await onPage.getByRole('button', { name: 'Stop · New lead nurture' }).count()) === 1,
        'the page offers pause and stop',
      );
      await t.screenshot('sequence-on-contact', { fullPage: true });

      await context.clearCookies();
      await t.signIn();

      const { data: out } = await t.api(
        'GET',
        `/api/v1/emails?direction=out&object=contacts&recordId=${contact.id}`,
      );
      t.expect(out.length === 1, `one email to the contact (${out.length})`);
      const mail = await t.api('GET', `/api/v1/emails/${out[0].id}`);
      t.expect(mail.id === enrolment.steps[0].result.emailId, 'the email is the one step 1 queued');
      t.expect(mail.status === 'queued', `queued, no SMTP in this run (${mail.status})`);
      t.expect(mail.to.includes(email), `to the contact: ${mail.to}`);
      t.expect(mail.subject === 'Thank you for your interest, Mei', `subject: ${mail.subject}`);
      const text = mail.text ?? mail.textBody ?? '';
      t.expect(text.startsWith('Dear Mei,'), `greets the contact by name: ${text.slice(0, 40)}`);
      t.expect(text.includes(`your contact at ${ws.name}`), `names the workspace (${ws.name})`);
      t.expect(!text.includes('{{'), 'no merge field left unfilled');
      t.expect(text.includes(`Best regards,\n${rep.name}`), 'signed with the owner’s name');
      t.expect(text.includes(signature), 'the owner’s signature is added');
      t.expect(mail.from.name === rep.name, `from the owner: ${JSON.stringify(mail.from)}`);
      // Day 1 has not come: no letter task yet.
      const early = (await tasksOn(t, contact.id)).filter((a) => a.subject.startsWith('Mail the brochure'));
      t.expect(early.length === 0, 'the letter task is not made before its day');

      await page.goto('/settings/sequences');
      await card.getByRole('button', { name: 'Enrolments' }).click();
      const row = card
        .getByRole('table', { name: 'Enrolments' })
        .getByRole('row')
        .filter({ has: page.locator(`a[href="/contacts/${contact.id}"]`) });
      await row.waitFor();
      const whenText = await page.evaluate(
        (iso) =>
          new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
        enrolment.nextRunAt,
      );
      const when = whenText.replace(/\s+/g, ' ');
      const rowText = (await row.textContent()).replace(/\s+/g, ' ');
      t.expect(rowText.includes('Active'), `the row says Active: ${rowText}`);
      const clipped = await row
        .locator('.mantine-Badge-label')
        .first()
        .evaluate((el) => el.scrollWidth > el.clientWidth);
      t.expect(!clipped, 'the status badge is shown whole, not cut to "Acti…"');
      t.expect(rowText.includes('Letter: Mail the brochure'), `the row shows the letter next: ${rowText}`);
      t.expect(!rowText.includes('{{'), `no raw merge field: ${rowText}`);
      const who = await row.getByRole('link', { name: contactName }).count();
      t.expect(who === 1, `the row names the contact (${contactName}) with a link: ${rowText}`);
      t.expect(rowText.includes(when), `the row shows when (${when}): ${rowText}`);
      await t.screenshot('sequence-enrolment', { fullPage: true });

      await page.goto('/emails?direction=out');
      const listed = page.getByTestId(`email-${mail.id}`);
      await listed.waitFor();
      const listedText = (await listed.textContent()).replace(/\s+/g, ' ');
      t.expect(
        listedText.includes('Thank you for your interest, Mei') && listedText.includes(email),
        `the outbox lists it: ${listedText}`,
      );
    },
  },
  {
    name: 'R18: the renewal workflow from its template; a contract ending in 30 days gets a task for its owner, shown in the run history',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const ws = await t.api('GET', '/api/v1/workspace');
      const objects = (await t.api('GET', '/api/v1/schema/objects')).data;
      if (!objects.some((o) => o.name === 'contracts'))
        await t.api('POST', '/api/v1/schema/objects', {
          name: 'contracts',
          label: { en: 'Contract', 'zh-CN': '合同' },
          pluralLabel: { en: 'Contracts', 'zh-CN': '合同' },
        });
      const fields = (await t.api('GET', '/api/v1/schema/objects/contracts')).fields;
      if (!fields.some((f) => f.name === 'endDate'))
        await t.api('POST', '/api/v1/schema/objects/contracts/fields', {
          name: 'endDate',
          type: 'date',
          label: { en: 'End date', 'zh-CN': '到期日' },
        });
      const rep = await makeRep(t, u, `Zhao Lei ${u}`);
      const end = dayIn(ws.timeZone, 30);
      const due = await t.api('POST', '/api/v1/objects/contracts', {
        name: `Support plan ${u}`,
        endDate: end,
        ownerId: rep.id,
      });
      const later = await t.api('POST', '/api/v1/objects/contracts', {
        name: `Hosting plan ${u}`,
        endDate: dayIn(ws.timeZone, 31),
        ownerId: rep.id,
      });

      await page.goto('/settings/workflows');
      await page.getByRole('button', { name: 'New workflow' }).click();
      const form = page.getByRole('form', { name: 'New workflow' });
      await form.getByRole('combobox', { name: 'Start from a template' }).click();
      await form.getByRole('option', { name: 'Renewal reminder' }).click();
      // The template found the contracts object and its end date by itself.
      const object = await form.getByRole('combobox', { name: 'Object' }).inputValue();
      t.expect(object === 'Contracts', `object picked: ${object}`);
      const dateField = await form.getByRole('combobox', { name: 'Date field' }).inputValue();
      t.expect(dateField === 'End date', `date field picked: ${dateField}`);
      t.expect(
        (await form.getByRole('combobox', { name: 'When this happens' }).inputValue()) ===
          'A date is reached',
        'the trigger is a date reached',
      );
      const name = `Renewal reminder ${u}`;
      await form.getByLabel(/^Name/).fill(name);
      await t.screenshot('renewal-builder', { fullPage: true });
      await form.getByRole('button', { name: 'Save workflow' }).click();
      const card = page.getByRole('article', { name });
      await card.waitFor();
      const saved = (await t.api('GET', '/api/v1/workflows')).data.find((w) => w.name === name);
      t.expect(
        saved?.trigger.event === 'date.reached' &&
          saved.trigger.object === 'contracts' &&
          saved.trigger.field === 'endDate' &&
          saved.trigger.offset === '-P30D',
        `saved trigger: ${JSON.stringify(saved?.trigger)}`,
      );

      // The scan runs at most once a minute: allow it a little more.
      const [task] = await eventually(t, 90, 'the renewal task', async () => {
        const list = await tasksOn(t, due.id);
        return list.length ? list : null;
      });
      t.expect(task.subject === `Renew Support plan ${u} (ends ${end})`, `task subject: ${task.subject}`);
      t.expect(task.ownerId === rep.id, `the task is the contract owner's (${task.ownerId})`);
      t.expect(task.priority === 'high', `high priority (${task.priority})`);
      t.expect((await tasksOn(t, due.id)).length === 1, 'one task, not one per scan');
      t.expect((await tasksOn(t, later.id)).length === 0, 'no task yet for the contract ending in 31 days');

      // Today is scanned now; a contract entered after that, ending in 30 days, is reminded at the
      // next scan all the same (it used to be skipped for good).
      const entered = await t.api('POST', '/api/v1/objects/contracts', {
        name: `Licence ${u}`,
        endDate: end,
        ownerId: rep.id,
      });
      const [late] = await eventually(t, 90, 'the task of the contract entered after the scan', async () => {
        const list = await tasksOn(t, entered.id);
        return list.length ? list : null;
      });
      t.expect(late.subject === `Renew Licence ${u} (ends ${end})`, `task subject: ${late.subject}`);
      t.expect((await tasksOn(t, due.id)).length === 1, 'still one task for the first contract');

      await card.getByRole('button', { name: 'Run history' }).click();
      const run = card
        .getByRole('table', { name: 'Run history' })
        .getByRole('row')
        .filter({ has: page.locator(`a[href="/contracts/${due.id}"]`) });
      await run.getByText('Succeeded').first().waitFor({ timeout: 15_000 });
      const runText = (await run.textContent()).replace(/\s+/g, ' ');
      t.expect(runText.includes('date.reached'), `the run says what fired it: ${runText}`);
      await t.screenshot('renewal-runs', { fullPage: true });
    },
  },
];
