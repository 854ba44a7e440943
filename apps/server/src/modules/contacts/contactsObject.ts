// Contacts: people at customer companies, with several emails and phones (a primary one plus
// more) and their social profiles (LinkedIn, X, WeChat, Weibo, …).
import {
  activityRollupFields,
  column,
  dealRollupFields,
  L,
  systemFields,
  tagField,
} from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';
import { contactHooks } from './contactHooks';

export const contactsObject: ObjectDef = {
  name: 'contacts',
  table: 'contacts',
  labels: L('Contact', '联系人'),
  pluralLabels: L('Contacts', '联系人'),
  titleField: 'name',
  companyColumn: 'company_id',
  internalColumns: ['email_keys', 'phone_keys'],
  hooks: contactHooks,
  fields: [
    ...systemFields(),
    column('firstName', 'text', L('First name', '名'), { search: 'names', maxLength: 200 }),
    column('lastName', 'text', L('Last name', '姓'), { search: 'names', maxLength: 200 }),
    column('name', 'text', L('Full name', '姓名'), { system: true, required: true, search: 'names' }),
    column('email', 'email', L('Email', '邮箱'), { search: 'emails' }),
    column('phone', 'phone', L('Phone', '电话'), { search: 'phones' }),
    column('emails', 'email', L('Other emails', '其他邮箱'), {
      many: true,
      search: 'emails',
      nullable: false,
    }),
    column('phones', 'phone', L('Other phones', '其他电话'), {
      many: true,
      search: 'phones',
      nullable: false,
    }),
    column('title', 'text', L('Job title', '职位'), { search: 'other', maxLength: 200 }),
    column('department', 'text', L('Department', '部门'), { maxLength: 200 }),
    column('companyId', 'relation', L('Company', '公司'), {
      relation: { object: 'companies' },
      path: 'company',
    }),
    column('socialProfiles', 'socialProfiles', L('Social profiles', '社交账号'), { nullable: false }),
    column('birthday', 'date', L('Birthday', '生日')),
    column('address', 'text', L('Address', '地址'), { maxLength: 500 }),
    column('city', 'text', L('City', '城市'), { search: 'other', maxLength: 200 }),
    column('country', 'text', L('Country', '国家/地区'), { maxLength: 100 }),
    column('description', 'longText', L('Description', '描述')),
    tagField(),
    ...activityRollupFields(),
    ...dealRollupFields(),
  ],
};
