import type { FieldMeta } from '@rapport/contracts/apiTypes';
import { describe, expect, it } from 'vitest';
import { changeValueText } from './changeValue';

const yesNo = { yes: 'Yes', no: 'No' };
const status = {
  name: 'status',
  type: 'select',
  label: 'Status',
  options: [
    { value: 'pendingApproval', label: { en: 'Pending approval', 'zh-CN': '待审批' } },
    { value: 'approved', label: { en: 'Approved', 'zh-CN': '已批准' } },
  ],
} as FieldMeta;

describe('changeValueText', () => {
  it('shows an option by its label in the reader’s language, an unknown one as stored', () => {
    expect(changeValueText(status, 'pendingApproval', 'en', yesNo)).toBe('Pending approval');
    expect(changeValueText(status, 'approved', 'zh-CN', yesNo)).toBe('已批准');
    expect(changeValueText(status, 'gone', 'en', yesNo)).toBe('gone');
  });

  it('joins the labels of a multi-select and says — for nothing', () => {
    const tags = { ...status, type: 'multiSelect' } as FieldMeta;
    expect(changeValueText(tags, ['approved', 'pendingApproval'], 'en', yesNo)).toBe(
      'Approved, Pending approval',
    );
    expect(changeValueText(tags, [], 'en', yesNo)).toBe('—');
    expect(changeValueText(status, null, 'en', yesNo)).toBe('—');
    expect(changeValueText(status, '', 'en', yesNo)).toBe('—');
  });

  it('formats amounts, numbers, calendar days and yes/no', () => {
    expect(changeValueText(undefined, { amount: '12000', currency: 'CNY' }, 'zh-CN', yesNo)).toBe(
      '¥12,000.00',
    );
    expect(changeValueText({ name: 'n', type: 'number', label: 'N' } as FieldMeta, 1234.5, 'en', yesNo)).toBe(
      '1,234.5',
    );
    expect(
      changeValueText({ name: 'd', type: 'date', label: 'D' } as FieldMeta, '2027-01-05', 'en', yesNo),
    ).toBe('Jan 5, 2027');
    const flag = { name: 'b', type: 'boolean', label: 'B' } as FieldMeta;
    expect(changeValueText(flag, true, 'en', yesNo)).toBe('Yes');
    expect(changeValueText(flag, false, 'en', yesNo)).toBe('No');
  });

  it('keeps a value of an unknown or deleted field as it was stored', () => {
    expect(changeValueText(undefined, 'raw', 'en', yesNo)).toBe('raw');
    expect(changeValueText(undefined, { name: 'Acme' }, 'en', yesNo)).toBe('Acme');
  });
});
