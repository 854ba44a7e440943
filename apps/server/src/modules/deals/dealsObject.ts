// Deals (opportunities): an amount in a currency moving through the stages of a pipeline; the
// status (open/won/lost) follows the stage's kind, and every stage move is recorded.
import {
  activityRollupFields,
  column,
  L,
  link,
  money,
  options,
  systemFields,
  tagField,
} from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';
import { sourceOptions } from '../leads/leadsObject';
import { dealHooks } from './dealHooks';

export const dealStatusOptions = options([
  ['open', 'Open', '进行中'],
  ['won', 'Won', '赢单'],
  ['lost', 'Lost', '输单'],
]);

export const dealsObject: ObjectDef = {
  name: 'deals',
  table: 'deals',
  labels: L('Deal', '商机'),
  pluralLabels: L('Deals', '商机'),
  titleField: 'name',
  companyColumn: 'company_id',
  hooks: dealHooks,
  fields: [
    ...systemFields(),
    column('name', 'text', L('Name', '名称'), { required: true, search: 'names', maxLength: 300 }),
    money('amount', L('Amount', '金额'), { amount: 'amount', currency: 'currency' }),
    column('pipelineId', 'relation', L('Pipeline', '销售管道'), {
      relation: { object: 'pipelines' },
      path: 'pipeline',
      required: true,
    }),
    column('stageId', 'relation', L('Stage', '阶段'), {
      relation: { object: 'pipelineStages' },
      path: 'stage',
      required: true,
    }),
    column('status', 'select', L('Status', '状态'), {
      system: true,
      required: true,
      options: dealStatusOptions,
    }),
    column('probability', 'number', L('Probability (%)', '赢率 (%)'), { integer: true, min: 0, max: 100 }),
    column('closeDate', 'date', L('Close date', '预计成交日期')),
    column('closedAt', 'dateTime', L('Closed', '关闭时间'), { system: true }),
    column('stageEnteredAt', 'dateTime', L('In stage since', '进入阶段时间'), {
      system: true,
      required: true,
    }),
    column('lostReason', 'text', L('Lost reason', '输单原因'), { maxLength: 1000 }),
    column('source', 'select', L('Source', '来源'), { options: sourceOptions }),
    column('description', 'longText', L('Description', '描述')),
    column('companyId', 'relation', L('Company', '公司'), {
      relation: { object: 'companies' },
      path: 'company',
    }),
    link('contactIds', 'relation', L('Contacts', '联系人'), 'dealContacts', {
      relation: { object: 'contacts', many: true },
    }),
    tagField(),
    ...activityRollupFields(),
  ],
};
