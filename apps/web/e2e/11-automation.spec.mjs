// The process engine in the browser: R19 — a workflow built in Settings → Workflows (a contact's
// balance crossing 20,000 creates a task) that the running server then fires, with the run in its
// history; R22 — an approval process made in the same screen, a commitment added from its company's
// page, submitted with the record page's "Submit for approval", approved from the inbox, and seen
// approved on the company page (where sales, support and finance all look).
export const tests = [
  {
    name: 'R19: builds the balance-threshold workflow; a crossing creates the task and shows in the run history',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const fields = (await t.api('GET', '/api/v1/schema/objects')).data.find(
        (o) => o.name === 'contacts',
      ).fields;
      if (!fields.some((f) => f.name === 'balance'))
        await t.api('POST', '/api/v1/schema/objects/contacts/fields', {
          name: 'balance',
          type: 'money',
          label: { en: 'Balance', 'zh-CN': '余额' },
        });

      await page.goto('/settings/workflows');
      await page.getByRole('button', { name: 'New workflow' }).click();
      const form = page.getByRole('form', { name: 'New workflow' });
      const name = `Big balance ${u}`;
      await form.getByLabel(/^Name/).fill(name);
      await form.getByRole('combobox', { name: 'When this happens' }).click();
      await form.getByRole('option', { name: 'A record is changed' }).click();
      await form.getByRole('combobox', { name: 'Object' }).click();
      await form.getByRole('option', { name: 'Contacts', exact: true }).click();

      for (const [group, op] of [
        ['Condition', 'at least'],
        ['Before', 'less than'],
      ]) {
        const rows = form.getByRole('group', { name: group, exact: true });
        await rows.getByRole('button', { name: 'Add condition' }).click();
        await rows.getByRole('combobox', { name: `${group} 1: field` }).click();
        await rows.getByRole('option', { name: 'Balance', exact: true }).click();
        await rows.getByRole('combobox', { name: `${group} 1: operator` }).click();
        await rows.getByRole('option', { name: op, exact: true }).click();
        await rows.getByRole('textbox', { name: `${group} 1: value` }).fill('20000');
      }
      const action = form.getByRole('group', { name: 'Action 1' });
      await action.getByLabel('Subject').fill(`Call {{contact.firstName}} ${u}: balance {{contact.balance}}`);
      // The draft lives outside the builder now (keptState.ts), so a remount cannot drop it: no
      // second fill here. The wait leaves time for the loss that used to happen a moment after.
      await page.waitForTimeout(1000);
      t.expect(await form.isVisible(), 'the filled builder is still open');
      await t.screenshot('workflow-builder', { fullPage: true });
      await form.getByRole('button', { name: 'Save workflow' }).click();
      const card = page.getByRole('article', { name });
      await card.waitFor();
      t.expect((await card.textContent()).includes('2 conditions'), 'the saved workflow has both conditions');

      // The running server fires it on a crossing (2,000 → 25,000), not on a change below it.
      const contact = await t.api('POST', '/api/v1/objects/contacts', {
        firstName: 'Li',
        lastName: `Na ${u}`,
        email: `li.na.${u}@example.com`,
        balance: { amount: '2000', currency: 'CNY' },
      });
      await t.api('PATCH', `/api/v1/objects/contacts/${contact.id}`, {
        balance: { amount: '25000', currency: 'CNY' },
      });
      let task = null;
      for (let i = 0; i < 60 && !task; i++) {
        const { data } = await t.api('POST', '/api/v1/objects/activities/search', {
          filters: [{ field: 'type', op: 'eq', value: 'task' }],
          sort: [{ field: 'createdAt', direction: 'desc' }],
          limit: 50,
        });
        task = data.find((a) => (a.relatedTo ?? []).some((r) => r.id === contact.id));
        if (!task) await page.waitForTimeout(500);
      }
      t.expect(task, 'the workflow created a task on the contact');
      // Merge fields filled from the contact: its first name and the new balance.
      t.expect(
        task.subject.startsWith(`Call Li ${u}: balance `) && task.subject.includes('25'),
        `task subject: ${task.subject}`,
      );

      await card.getByRole('button', { name: 'Run history' }).click();
      await card.getByText('Succeeded').first().waitFor({ timeout: 15_000 });
      await t.screenshot('workflow-runs', { fullPage: true });
    },
  },
  {
    name: 'R22: an approval process made in settings; a commitment submitted to it is approved from the inbox',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      await page.goto('/settings/workflows');
      await page.getByRole('button', { name: 'New approval process' }).click();
      const form = page.getByRole('form', { name: 'New approval process' });
      const processName = `Commitments ${u}`;
      await form.getByLabel(/^Name/).fill(processName);
      // One step: anyone with the Administrator role (the signed-in admin decides below).
      await form.getByRole('combobox', { name: 'Approver of step 1' }).click();
      await form.getByRole('option', { name: 'Anyone with a role' }).click();
      await form.getByRole('combobox', { name: 'Role of step 1' }).click();
      await form.getByRole('option', { name: 'Administrator' }).click();
      await form.getByRole('button', { name: 'Save process' }).click();
      await page.getByRole('article', { name: processName }).waitFor();
      const process = (await t.api('GET', '/api/v1/approval-processes?object=commitments')).data.find(
        (p) => p.name === processName,
      );
      t.expect(process?.steps[0]?.approver === 'role:admin', 'the process has the admin role step');

      const company = await t.api('POST', '/api/v1/objects/companies', { name: `Acme ${u}` });
      const description = `Free 3-month extension ${u}`;
      // The promise is entered where the rep is: the company page's Commitments list.
      await page.goto(`/companies/${company.id}`);
      const list = page.getByRole('region', { name: 'Commitments' });
      await list.getByRole('button', { name: 'Add' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Description/).fill(description);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL(/\/commitments\/[0-9a-f-]{36}$/);
      const commitmentId = page.url().split('/').pop();
      const created = await t.api('GET', `/api/v1/objects/commitments/${commitmentId}`);
      t.expect(created.companyId === company.id, 'the commitment is linked to the company it was added from');

      // Submit from the record page; with several processes for commitments, pick this one.
      await page.getByRole('button', { name: 'Submit for approval' }).click();
      const submit = page.getByRole('dialog', { name: `Submit “${description}” for approval` });
      const processPicker = submit.getByRole('textbox', { name: 'Approval process' });
      if (await processPicker.count()) {
        await processPicker.click();
        await page.getByRole('option', { name: processName, exact: true }).click();
      }
      await submit.getByLabel('Comment (optional)').fill('Needed to close the deal');
      await submit.getByRole('button', { name: 'Submit', exact: true }).click();
      await page.getByText('Approval pending').first().waitFor();
      const pending = (await t.api('GET', `/api/v1/objects/commitments/${commitmentId}/approvals`)).data[0];
      t.expect(pending?.process?.id === process.id, 'the request went to the process made above');
      t.expect(pending?.status === 'pending', `the request is ${pending?.status}`);

      await page.goto('/approvals');
      const card = page.getByRole('article', { name: description });
      await card.waitFor();
      t.expect(
        (await card.textContent()).includes('Needed to close the deal'),
        "the rep's comment is on the card",
      );
      await card.getByLabel('Your comment').fill('OK for this account');
      await t.screenshot('approvals-inbox', { fullPage: true });
      await card.getByRole('button', { name: 'Approve' }).click();
      await page.getByText(`"${description}" approved`).waitFor();
      const after = await t.api('GET', `/api/v1/objects/commitments/${commitmentId}`);
      t.expect(after.status === 'approved', `commitment status is ${after.status}`);

      // Everyone sees the approved promise on the company page.
      await page.goto(`/companies/${company.id}`);
      const row = list.getByRole('link', { name: description });
      await row.waitFor();
      await list.getByText('Approved', { exact: true }).waitFor();
      // The company's timeline tells the decision in words, not stored values.
      await page.getByText('Status: Pending approval → Approved').first().waitFor();
      await t.screenshot('company-commitments');
    },
  },
];
