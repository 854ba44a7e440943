// The filter builder against the real server's metadata for deals, including custom fields added
// through the API, and the filters it builds run by the real server's query compiler.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../api/client';
import { searchRecords } from '../../../api/records';
import { renderApp, signInAsAdmin, unique } from '../../../../test/render';
import { FilterBuilder } from './FilterBuilder';
import { toApiFilters } from './filterModel';

let deals: ObjectMeta;
const regionField = `region${unique()}`;
const tag = unique();

beforeAll(async () => {
  await signInAsAdmin();
  await api.post('/api/v1/schema/objects/deals/fields', {
    name: regionField,
    type: 'select',
    label: { en: 'Sales region', 'zh-CN': '销售区域' },
    options: [
      { value: 'north', label: { en: 'North', 'zh-CN': '北区' } },
      { value: 'south', label: { en: 'South', 'zh-CN': '南区' } },
    ],
  });
  const objects = await api.get<{ data: ObjectMeta[] }>('/api/v1/schema/objects');
  deals = objects.data.find((o) => o.name === 'deals')!;
  const pipelines = await api.get<{ data: { id: string; stages: { id: string }[] }[] }>('/api/v1/pipelines');
  const p = pipelines.data[0]!;
  for (const [name, amount, region] of [
    [`Big north ${tag}`, '9000.00', 'north'],
    [`Small north ${tag}`, '100.00', 'north'],
    [`Big south ${tag}`, '12000.00', 'south'],
  ] as const)
    await api.post('/api/v1/objects/deals', {
      name,
      amount: { amount, currency: 'CNY' },
      pipelineId: p.id,
      stageId: p.stages[0]!.id,
      [regionField]: region,
    });
});

function lastApplied() {
  const calls: unknown[][] = [];
  return { onApply: (f: unknown) => calls.push([f]), calls };
}

/** Mantine labels a select's input and its listbox alike: the input is the one to type into. */
function input(label: string): HTMLInputElement {
  const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
  if (!el) throw new Error(`no input labelled ${label}`);
  return el as HTMLInputElement;
}

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(input(label));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('filter builder', () => {
  it('builds a money condition and a condition on a custom choice field, both understood by the server', async () => {
    const spy = lastApplied();
    renderApp(<FilterBuilder meta={deals} value={[]} onApply={spy.onApply} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await choose(user, 'Field of condition 1', 'Amount');
    await choose(user, 'Operator of condition 1', 'at least');
    await user.type(input('Value of condition 1'), '5,000');

    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await choose(user, 'Field of condition 2', 'Sales region');
    // A choice field starts with "is any of": pick North from its options.
    expect(input('Operator of condition 2').value).toBe('is any of');
    await user.click(input('Value of condition 2'));
    await user.click(await screen.findByRole('option', { name: 'North' }));
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    const applied = spy.calls.at(-1)![0] as Parameters<typeof toApiFilters>[0];
    expect(applied).toEqual([
      { field: 'amount', op: 'gte', value: '5000' },
      { field: regionField, op: 'in', value: ['north'] },
    ]);
    const res = await searchRecords(
      'deals',
      {
        filters: [...toApiFilters(applied, deals.fields), { field: 'name', op: 'contains', value: tag }],
        sort: [],
      },
      50,
      null,
    );
    expect(res.data.map((d) => d.name)).toEqual([`Big north ${tag}`]);
  });

  it('asks for two values for "between" and leaves incomplete conditions out', async () => {
    const spy = lastApplied();
    renderApp(<FilterBuilder meta={deals} value={[]} onApply={spy.onApply} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await choose(user, 'Field of condition 1', 'Amount');
    await choose(user, 'Operator of condition 1', 'between');
    fireEvent.change(input('From (condition 1)'), { target: { value: '50' } });
    fireEvent.change(input('To (condition 1)'), { target: { value: '9500' } });
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    await choose(user, 'Field of condition 2', 'Name');
    expect(screen.getByText('Conditions without a value are left out.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    const applied = spy.calls.at(-1)![0] as Parameters<typeof toApiFilters>[0];
    expect(applied).toEqual([{ field: 'amount', op: 'between', value: ['50', '9500'] }]);
    const res = await searchRecords(
      'deals',
      {
        filters: [...toApiFilters(applied, deals.fields), { field: 'name', op: 'contains', value: tag }],
        sort: [{ field: 'name', direction: 'asc' }],
      },
      50,
      null,
    );
    expect(res.data.map((d) => d.name)).toEqual([`Big north ${tag}`, `Small north ${tag}`]);
  });

  it('offers operators that fit each field type and no value box for "is empty"', async () => {
    renderApp(
      <FilterBuilder meta={deals} value={[{ field: 'closeDate', op: 'isEmpty' }]} onApply={() => {}} />,
    );
    const user = userEvent.setup();
    expect(screen.queryAllByLabelText('Value of condition 1')).toEqual([]);
    await user.click(input('Operator of condition 1'));
    const listbox = await screen.findByRole('listbox');
    const ops = within(listbox)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(ops).toContain('between');
    expect(ops).not.toContain('contains');
  });

  it('shows custom field labels in Chinese from the metadata', async () => {
    const { default: i18n } = await import('i18next');
    await i18n.changeLanguage('zh-CN');
    try {
      renderApp(
        <FilterBuilder
          meta={deals}
          value={[{ field: regionField, op: 'in', value: [] }]}
          onApply={() => {}}
        />,
      );
      expect(input('条件 1 的字段').value).toBe('销售区域');
      expect(input('条件 1 的运算符').value).toBe('属于其中之一');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
