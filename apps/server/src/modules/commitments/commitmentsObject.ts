// Commitments: what sales promised a customer (an extra benefit, a discount), recorded once so
// support and finance see the same promise; approval comes from the process engine.
import { column, L, money, options, systemFields } from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';

export const commitmentStatusOptions = options([
  ['proposed', 'Proposed', '已提出'],
  ['pendingApproval', 'Pending approval', '待审批'],
  ['approved', 'Approved', '已批准'],
  ['rejected', 'Rejected', '已拒绝'],
  ['fulfilled', 'Fulfilled', '已兑现'],
  ['cancelled', 'Cancelled', '已取消'],
]);

export const commitmentsObject: ObjectDef = {
  name: 'commitments',
  table: 'commitments',
  labels: L('Commitment', '承诺'),
  pluralLabels: L('Commitments', '承诺'),
  titleField: 'description',
  companyColumn: 'company_id',
  fields: [
    ...systemFields(),
    column('companyId', 'relation', L('Company', '公司'), {
      relation: { object: 'companies' },
      path: 'company',
      required: true,
    }),
    column('dealId', 'relation', L('Deal', '商机'), { relation: { object: 'deals' }, path: 'deal' }),
    column('description', 'text', L('Description', '内容'), {
      required: true,
      search: 'other',
      maxLength: 2000,
    }),
    money('value', L('Value', '价值'), { amount: 'value_amount', currency: 'value_currency' }),
    column('dueAt', 'dateTime', L('Due', '兑现期限')),
    column('status', 'select', L('Status', '状态'), {
      options: commitmentStatusOptions,
      required: true,
      defaultValue: 'proposed',
    }),
  ],
};
