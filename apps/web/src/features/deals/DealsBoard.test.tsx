// The deals board against the real server: totals per stage from the server's pipeline summary
// (every matching deal, not only the loaded cards), a keyboard move saved with If-Match that
// moves the totals, and a refused move rolled back with a message; the same through each card's
// "Move to stage…" menu.
import type { Me, Pipeline, RecordBase } from '@rapport/contracts/apiTypes';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../api/client';
import { nameOf } from '../../i18n/format';
import { renderApp, signInAsAdmin, unique } from '../../../test/render';
import { columnTotal, moveCard, moveInSummary, multiplyAmounts } from './boardModel';
import { DealsBoard } from './DealsBoard';

let me: Me;
let pipeline: Pipeline;
const tag = unique();
const realRect = Element.prototype.getBoundingClientRect;

beforeAll(async () => {
  me = await signInAsAdmin();
  pipeline = (await api.get<{ data: Pipeline[] }>('/api/v1/pipelines')).data[0]!;
  // jsdom lays nothing out: give each stage column a place side by side (300 px apart) and each
  // card a place inside its column, so dnd-kit's keyboard moves can find the column they reach.
  Element.prototype.getBoundingClientRect = function rect(this: Element) {
    const column = this.closest('[data-testid^="stage-"]:not([data-testid^="stage-total"])');
    // The card being dragged is drawn in an overlay outside the columns; it starts where the card was.
    if (!column && (this.matches('[data-drag-overlay]') || this.querySelector('[data-drag-overlay]'))) {
      const box = { x: 10, y: 120, width: 250, height: 60 };
      return { ...box, left: 10, top: 120, right: 260, bottom: 180, toJSON: () => box } as DOMRect;
    }
    if (!column) return realRect.call(this);
    const columns = [
      ...document.querySelectorAll('[data-testid^="stage-"]:not([data-testid^="stage-total"])'),
    ];
    const x = columns.indexOf(column) * 300;
    const box =
      this === column ? { x, y: 0, width: 272, height: 800 } : { x: x + 10, y: 120, width: 250, height: 60 };
    return {
      ...box,
      left: box.x,
      top: box.y,
      right: box.x + box.width,
      bottom: box.y + box.height,
      toJSON: () => box,
    } as DOMRect;
  };
});
afterAll(() => {
  Element.prototype.getBoundingClientRect = realRect;
});

async function newDeal(name: string, amount: string, stage = 0) {
  return api.post<RecordBase>('/api/v1/objects/deals', {
    name: `${name} ${tag}`,
    amount: { amount, currency: me.workspace.currency },
    pipelineId: pipeline.id,
    stageId: pipeline.stages[stage]!.id,
  });
}

/** Space lifts the focused card, each ArrowRight moves it one stage, Space drops it. */
async function keyboardMove(card: HTMLElement, columnsRight: number) {
  card.focus();
  await act(async () => {
    fireEvent.keyDown(card, { key: ' ', code: 'Space' });
    // dnd-kit starts listening for the arrow keys on the next tick.
    await new Promise((r) => setTimeout(r, 20));
  });

  for (let i = 0; i < columnsRight; i++)
    await act(async () => {
      fireEvent.keyDown(document.activeElement ?? card, { key: 'ArrowRight', code: 'ArrowRight' });
      await new Promise((r) => setTimeout(r, 5));
    });

  await act(async () => {
    fireEvent.keyDown(document, { key: ' ', code: 'Space' });
  });
}

const money = (amount: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: me.workspace.currency }).format(Number(amount));

describe('deals board', () => {
  it('totals each stage in the workspace currency and saves a keyboard move', async () => {
    const a = await newDeal('Alpha', '1000.10');
    await newDeal('Beta', '2500.15');
    const [s1, s2] = pipeline.stages;
    renderApp(<DealsBoard filters={[{ field: 'name', op: 'contains', value: tag }]} />, {
      me,
      path: '/deals?view=board',
    });
    const first = await screen.findByTestId(`stage-${s1!.id}`);
    await within(first).findByText(`Alpha ${tag}`);
    expect(screen.getByTestId(`stage-total-${s1!.id}`).textContent).toBe(money('3500.25'));
    expect(screen.getByTestId(`stage-total-${s2!.id}`).textContent).toBe(money('0'));

    const card = within(first).getByText(`Alpha ${tag}`).closest('[data-deal-id]') as HTMLElement;
    await keyboardMove(card, 1);
    await waitFor(async () =>
      expect((await api.get<RecordBase>(`/api/v1/objects/deals/${a.id}`)).stageId).toBe(s2!.id),
    );
    await waitFor(() =>
      expect(screen.getByTestId(`stage-total-${s2!.id}`).textContent).toBe(money('1000.10')),
    );
    expect(screen.getByTestId(`stage-total-${s1!.id}`).textContent).toBe(money('2500.15'));
  });

  it('counts and sums every deal of a stage under the filters, or-groups too, beyond the cards it loads', async () => {
    const bulk = `Bulk ${unique()}`;
    const stage = pipeline.stages[0]!;
    const other = me.workspace.currency === 'EUR' ? 'JPY' : 'EUR';
    const deal = (i: number) => ({
      name: `${bulk} ${i}`,
      amount: { amount: '1.01', currency: me.workspace.currency },
      pipelineId: pipeline.id,
      stageId: stage.id,
    });
    // 101 deals: one more than a column loads.
    await api.post('/api/v1/objects/deals/batch', { create: Array.from({ length: 100 }, (_, i) => deal(i)) });
    await api.post('/api/v1/objects/deals/batch', {
      create: [
        deal(100),
        { ...deal(101), name: `Foreign ${bulk}`, amount: { amount: '5.00', currency: other } },
      ],
    });
    await api.post('/api/v1/objects/deals', { ...deal(102), name: `Left out ${bulk}` });
    renderApp(
      <DealsBoard
        filters={[
          {
            or: [
              { field: 'name', op: 'startsWith', value: bulk },
              { field: 'name', op: 'eq', value: `Foreign ${bulk}` },
            ],
          },
        ]}
      />,
      { me, path: '/deals?view=board' },
    );
    await waitFor(() => expect(screen.getByTestId(`stage-count-${stage.id}`).textContent).toBe('102'));
    // 101 × 1.01 in the workspace currency; the deal in a currency without a rate is counted apart.
    expect(screen.getByTestId(`stage-total-${stage.id}`).textContent).toBe(money('102.01'));
    expect(screen.getByTestId(`stage-shown-${stage.id}`).textContent).toBe('Showing 100 of 102');
    expect(
      within(screen.getByTestId(`stage-${stage.id}`)).getByText('+ 1 deal in another currency'),
    ).toBeTruthy();
    expect(screen.queryByText(`Left out ${bulk}`)).toBeNull();
  });

  it('rolls a refused move back and says why', async () => {
    const stale = await newDeal('Stale', '10');
    const [s1, s2] = pipeline.stages;
    renderApp(<DealsBoard filters={[{ field: 'name', op: 'contains', value: `Stale ${tag}` }]} />, {
      me,
      path: '/deals?view=board',
    });
    const first = await screen.findByTestId(`stage-${s1!.id}`);
    const card = (await within(first).findByText(`Stale ${tag}`)).closest('[data-deal-id]') as HTMLElement;
    // Someone else saves the deal after the board loaded: the board's version is stale now.
    await api.patch(`/api/v1/objects/deals/${stale.id}`, { probability: 30 });
    await keyboardMove(card, 1);
    expect(await screen.findByText(`Could not move "Stale ${tag}"`)).toBeTruthy();
    await waitFor(() =>
      expect(within(screen.getByTestId(`stage-${s1!.id}`)).queryByText(`Stale ${tag}`)).toBeTruthy(),
    );
    expect(within(screen.getByTestId(`stage-${s2!.id}`)).queryByText(`Stale ${tag}`)).toBeNull();
    expect((await api.get<RecordBase>(`/api/v1/objects/deals/${stale.id}`)).stageId).toBe(s1!.id);
  });

  it('moves a deal with the card’s "Move to stage…" menu, from the keyboard', async () => {
    const d = await newDeal('Menu', '400');
    const [s1, , s3] = pipeline.stages;
    renderApp(<DealsBoard filters={[{ field: 'name', op: 'contains', value: `Menu ${tag}` }]} />, {
      me,
      path: '/deals?view=board',
    });
    const first = await screen.findByTestId(`stage-${s1!.id}`);
    await within(first).findByText(`Menu ${tag}`);
    const user = userEvent.setup();
    const button = within(first).getByRole('button', { name: `Move Menu ${tag} to stage…` });
    button.focus();
    await user.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    // The current stage is listed but cannot be chosen.
    const current = within(menu).getByRole('menuitem', { name: `${nameOf(s1, 'en')} (current)` });
    expect(current.hasAttribute('disabled') || current.getAttribute('data-disabled') === 'true').toBe(true);
    await user.click(within(menu).getByRole('menuitem', { name: nameOf(s3, 'en') }));
    // The card moves to its new column and the server has the new stage.
    await waitFor(() =>
      expect(within(screen.getByTestId(`stage-${s3!.id}`)).queryByText(`Menu ${tag}`)).toBeTruthy(),
    );
    await waitFor(async () =>
      expect((await api.get<RecordBase>(`/api/v1/objects/deals/${d.id}`)).stageId).toBe(s3!.id),
    );
    expect(screen.getByTestId(`stage-total-${s3!.id}`).textContent).toBe(money('400'));
    expect(within(screen.getByTestId(`stage-${s1!.id}`)).queryByText(`Menu ${tag}`)).toBeNull();
  });

  it('rolls a refused menu move back and says why', async () => {
    const stale = await newDeal('MenuStale', '10');
    const [s1, s2] = pipeline.stages;
    renderApp(<DealsBoard filters={[{ field: 'name', op: 'contains', value: `MenuStale ${tag}` }]} />, {
      me,
      path: '/deals?view=board',
    });
    const first = await screen.findByTestId(`stage-${s1!.id}`);
    await within(first).findByText(`MenuStale ${tag}`);
    await api.patch(`/api/v1/objects/deals/${stale.id}`, { probability: 30 });
    const user = userEvent.setup();
    await user.click(within(first).getByRole('button', { name: `Move MenuStale ${tag} to stage…` }));
    await user.click(await screen.findByRole('menuitem', { name: nameOf(s2, 'en') }));
    expect(await screen.findByText(`Could not move "MenuStale ${tag}"`)).toBeTruthy();
    await waitFor(() =>
      expect(within(screen.getByTestId(`stage-${s1!.id}`)).queryByText(`MenuStale ${tag}`)).toBeTruthy(),
    );
    expect(within(screen.getByTestId(`stage-${s2!.id}`)).queryByText(`MenuStale ${tag}`)).toBeNull();
    expect((await api.get<RecordBase>(`/api/v1/objects/deals/${stale.id}`)).stageId).toBe(s1!.id);
  });
});

describe('board model', () => {
  it('adds amounts exactly, never through floats, and counts other currencies apart', () => {
    const cards = [
      { id: '1', version: 1, createdAt: '', updatedAt: '', amount: { amount: '0.10', currency: 'CNY' } },
      { id: '2', version: 1, createdAt: '', updatedAt: '', amount: { amount: '0.20', currency: 'CNY' } },
      {
        id: '3',
        version: 1,
        createdAt: '',
        updatedAt: '',
        amount: { amount: '99999999999999999.99', currency: 'CNY' },
      },
      { id: '4', version: 1, createdAt: '', updatedAt: '', amount: { amount: '5', currency: 'USD' } },
      { id: '5', version: 1, createdAt: '', updatedAt: '', amount: null },
    ];
    expect(columnTotal(cards, 'CNY')).toEqual({
      count: 5,
      total: { amount: '100000000000000000.29', currency: 'CNY' },
      otherCurrencies: 1,
    });
  });

  it('multiplies amounts exactly, rounding half up to cents', () => {
    expect(multiplyAmounts('100.00', '7.1')).toBe('710.00');
    expect(multiplyAmounts('0.005', '1')).toBe('0.01');
    expect(multiplyAmounts('-12.345', '2')).toBe('-24.69');
    expect(multiplyAmounts('99999999999999999.99', '7.123456')).toBe('712345599999999999.93');
    expect(multiplyAmounts('abc', '1')).toBe('0');
  });

  it('moves a deal between stages of the server summary at its rate, and only its count without one', () => {
    const stage = (
      stageId: string,
      count: number,
      amount: string,
      byCurrency: { currency: string; count: number; amount: string }[],
    ) => ({
      stageId,
      count,
      amount: { amount, currency: 'CNY' },
      byCurrency,
    });
    const summary = {
      rates: { CNY: '1', USD: '7.1' },
      amountsVisible: true,
      stages: [
        stage('a', 2, '810.00', [
          { currency: 'CNY', count: 1, amount: '100.00' },
          { currency: 'USD', count: 1, amount: '100.00' },
        ]),
        stage('b', 0, '0.00', []),
      ],
    };
    const moved = moveInSummary(summary, 'a', 'b', { amount: '100.00', currency: 'USD' });
    expect(moved.stages[0]).toEqual(
      stage('a', 1, '100.00', [{ currency: 'CNY', count: 1, amount: '100.00' }]),
    );
    expect(moved.stages[1]).toEqual(
      stage('b', 1, '710.00', [{ currency: 'USD', count: 1, amount: '100.00' }]),
    );
    const noRate = moveInSummary(summary, 'a', 'b', { amount: '5', currency: 'JPY' });
    expect(noRate.stages[1]).toMatchObject({ count: 1, amount: { amount: '0.00' } });
    expect(moveInSummary(summary, 'a', 'a', null)).toBe(summary);
  });

  it('moves a card between columns and leaves everything else as it was', () => {
    const c = { a: [{ id: 'x', version: 1, createdAt: '', updatedAt: '', stageId: 'a' }], b: [] };
    const moved = moveCard(c, 'x', 'b');
    expect(moved.from).toBe('a');
    expect(moved.columns.a).toEqual([]);
    expect(moved.columns.b?.[0]).toMatchObject({ id: 'x', stageId: 'b' });
    expect(moveCard(c, 'missing', 'b').columns).toBe(c);
  });
});
