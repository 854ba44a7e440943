// Leads: people not yet qualified, with where they came from, a status and a score; converting one
// makes a contact, a company and optionally a deal (convertLead.ts).
import { activityRollupFields, column, L, options, systemFields, tagField } from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';
import { leadHooks } from './leadHooks';

export const sourceOptions = options([
  ['web', 'Website', '官网'],
  ['form', 'Web form', '网页表单'],
  ['referral', 'Referral', '转介绍'],
  ['event', 'Event', '展会活动'],
  ['coldCall', 'Cold call', '电话开发'],
  ['partner', 'Partner', '合作伙伴'],
  ['advertising', 'Advertising', '广告'],
  ['social', 'Social media', '社交媒体'],
  ['email', 'Email campaign', '邮件营销'],
  ['import', 'Import', '导入'],
  ['other', 'Other', '其他'],
]);

export const leadStatusOptions = options([
  ['new', 'New', '新线索'],
  ['contacted', 'Contacted', '已联系'],
  ['qualified', 'Qualified', '已确认'],
  ['unqualified', 'Unqualified', '无效'],
  ['converted', 'Converted', '已转化'],
]);

export const leadsObject: ObjectDef = {
  name: 'leads',
  table: 'leads',
  labels: L('Lead', '线索'),
  pluralLabels: L('Leads', '线索'),
  titleField: 'name',
  hooks: leadHooks,
  fields: [
    ...systemFields(),
    column('firstName', 'text', L('First name', '名'), { search: 'names', maxLength: 200 }),
    column('lastName', 'text', L('Last name', '姓'), { search: 'names', maxLength: 200 }),
    column('name', 'text', L('Full name', '姓名'), { system: true, required: true, search: 'names' }),
    column('company', 'text', L('Company', '公司'), {
      column: 'company_name',
      search: 'other',
      maxLength: 300,
    }),
    column('title', 'text', L('Job title', '职位'), { search: 'other', maxLength: 200 }),
    column('email', 'email', L('Email', '邮箱'), { search: 'emails' }),
    column('phone', 'phone', L('Phone', '电话'), { search: 'phones' }),
    column('website', 'url', L('Website', '网站'), { search: 'domains' }),
    column('source', 'select', L('Source', '来源'), { options: sourceOptions }),
    column('status', 'select', L('Status', '状态'), {
      options: leadStatusOptions,
      required: true,
      defaultValue: 'new',
    }),
    column('score', 'number', L('Score', '评分'), {
      integer: true,
      min: -1_000_000,
      max: 1_000_000,
      required: true,
      defaultValue: 0,
    }),
    column('description', 'longText', L('Description', '描述')),
    column('convertedAt', 'dateTime', L('Converted', '转化时间'), { system: true }),
    column('convertedContactId', 'relation', L('Converted contact', '转化的联系人'), {
      system: true,
      relation: { object: 'contacts' },
      path: 'convertedContact',
    }),
    column('convertedCompanyId', 'relation', L('Converted company', '转化的公司'), {
      system: true,
      relation: { object: 'companies' },
      path: 'convertedCompany',
    }),
    column('convertedDealId', 'relation', L('Converted deal', '转化的商机'), {
      system: true,
      relation: { object: 'deals' },
      path: 'convertedDeal',
    }),
    tagField(),
    ...activityRollupFields(),
  ],
};
