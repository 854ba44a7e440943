// The deals board: drag a deal to the next stage (saved, totals move with it), and a move the
// server refuses is rolled back with a message.
async function dragTo(page, card, column) {
  const from = await card.boundingBox();
  const to = await column.boundingBox();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 12 });
  await page.mouse.up();
}

export const tests = [
  {
    name: 'dragging a deal to the next stage saves it and moves the stage totals',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const p = await t.defaultPipeline();
      const [s1, s2] = p.stages;
      const { workspace } = await t.api('GET', '/api/v1/auth/me');
      const deal = await t.api('POST', '/api/v1/objects/deals', {
        name: `Board deal ${u}`,
        amount: { amount: '1234.50', currency: workspace.currency },
        pipelineId: p.id,
        stageId: s1.id,
      });
      await page.goto('/deals?view=board');
      const card = page.locator(`[data-deal-id="${deal.id}"]`);
      await card.waitFor();
      const before = await page.getByTestId(`stage-total-${s2.id}`).textContent();
      await t.screenshot('deals-board');
      await dragTo(page, card, page.getByTestId(`stage-${s2.id}`));
      await page.getByTestId(`stage-${s2.id}`).locator(`[data-deal-id="${deal.id}"]`).waitFor();
      // Saved on the server, and still there after a reload.
      for (let i = 0; i < 20; i++) {
        const now = await t.api('GET', `/api/v1/objects/deals/${deal.id}`);
        if (now.stageId === s2.id) break;
        if (i === 19) throw new Error(`the deal is still in stage ${now.stageId}`);
        await page.waitForTimeout(250);
      }
      await page.reload();
      await page.getByTestId(`stage-${s2.id}`).locator(`[data-deal-id="${deal.id}"]`).waitFor();
      const after = await page.getByTestId(`stage-total-${s2.id}`).textContent();
      t.expect(before !== after, `the total of ${s2.name} changed (${before} → ${after})`);
      const symbol = new Intl.NumberFormat('en', { style: 'currency', currency: workspace.currency })
        .format(0)
        .replace(/[\d.,\s]/g, '');
      t.expect(
        after.includes(symbol),
        `totals are in the workspace currency ${workspace.currency} (${after})`,
      );
    },
  },
  {
    name: 'a move the server refuses goes back, with a message saying why',
    async run(t) {
      const { page } = t;
      const u = t.unique();
      await t.signIn();
      const p = await t.defaultPipeline();
      const [s1, s2] = p.stages;
      const deal = await t.api('POST', '/api/v1/objects/deals', {
        name: `Stale deal ${u}`,
        pipelineId: p.id,
        stageId: s1.id,
      });
      await page.goto('/deals?view=board');
      const card = page.locator(`[data-deal-id="${deal.id}"]`);
      await card.waitFor();
      // Someone else edits the deal meanwhile: the board's copy is now stale (If-Match → 412).
      await t.api('PATCH', `/api/v1/objects/deals/${deal.id}`, { name: `Stale deal ${u} (edited)` });
      await dragTo(page, card, page.getByTestId(`stage-${s2.id}`));
      await page.getByText(`Could not move "Stale deal ${u}"`).waitFor();
      await page.getByTestId(`stage-${s1.id}`).locator(`[data-deal-id="${deal.id}"]`).waitFor();
      const now = await t.api('GET', `/api/v1/objects/deals/${deal.id}`);
      t.expect(now.stageId === s1.id, 'the deal did not move on the server');
    },
  },
];
