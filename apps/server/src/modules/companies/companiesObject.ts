// Companies (accounts): the customer organisations, with a parent company for groups and
// subsidiaries, and rollups of their activities and open deals.
import {
  activityRollupFields,
  column,
  dealRollupFields,
  L,
  money,
  options,
  systemFields,
  tagField,
} from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';
import { companyHooks } from './companyHooks';

export const industryOptions = options([
  ['technology', 'Technology', '科技'],
  ['manufacturing', 'Manufacturing', '制造'],
  ['retail', 'Retail', '零售'],
  ['finance', 'Finance', '金融'],
  ['healthcare', 'Healthcare', '医疗健康'],
  ['education', 'Education', '教育'],
  ['logistics', 'Logistics', '物流'],
  ['energy', 'Energy', '能源'],
  ['realEstate', 'Real estate', '房地产'],
  ['government', 'Government', '政府'],
  ['media', 'Media', '媒体'],
  ['services', 'Professional services', '专业服务'],
  ['other', 'Other', '其他'],
]);

export const companiesObject: ObjectDef = {
  name: 'companies',
  table: 'companies',
  labels: L('Company', '公司'),
  pluralLabels: L('Companies', '公司'),
  titleField: 'name',
  companyColumn: 'id',
  hooks: companyHooks,
  fields: [
    ...systemFields(),
    column('name', 'text', L('Name', '名称'), { required: true, search: 'names', maxLength: 300 }),
    column('domain', 'text', L('Domain', '域名'), { search: 'domains', maxLength: 253 }),
    column('industry', 'select', L('Industry', '行业'), { options: industryOptions }),
    column('employees', 'number', L('Employees', '员工人数'), { integer: true, min: 0, max: 100_000_000 }),
    money('annualRevenue', L('Annual revenue', '年营业额'), {
      amount: 'annual_revenue',
      currency: 'annual_revenue_currency',
    }),
    column('phone', 'phone', L('Phone', '电话'), { search: 'phones' }),
    column('address', 'text', L('Address', '地址'), { maxLength: 500 }),
    column('city', 'text', L('City', '城市'), { search: 'other', maxLength: 200 }),
    column('country', 'text', L('Country', '国家/地区'), { maxLength: 100 }),
    column('description', 'longText', L('Description', '描述')),
    column('parentCompanyId', 'relation', L('Parent company', '母公司'), {
      relation: { object: 'companies' },
      path: 'parentCompany',
    }),
    tagField(),
    ...activityRollupFields(),
    ...dealRollupFields(),
  ],
};
