// Automatic column mapping on the headers real exports carry.
import { describe, expect, it } from 'vitest';
import { autoMap, columnNames, type MappableField } from './autoMap';

const contactFields: MappableField[] = [
  { name: 'firstName', type: 'text', label: { en: 'First name', 'zh-CN': '名' } },
  { name: 'lastName', type: 'text', label: { en: 'Last name', 'zh-CN': '姓' } },
  { name: 'email', type: 'email', label: { en: 'Email', 'zh-CN': '邮箱' } },
  { name: 'phone', type: 'phone', label: { en: 'Phone', 'zh-CN': '电话' } },
  { name: 'mobile', type: 'phone', label: { en: 'Mobile', 'zh-CN': '手机' } },
  { name: 'title', type: 'text', label: { en: 'Title', 'zh-CN': '职位' } },
  {
    name: 'companyId',
    type: 'relation',
    label: { en: 'Company', 'zh-CN': '公司' },
    relation: { object: 'companies' },
  },
  { name: 'address', type: 'text', label: { en: 'Address', 'zh-CN': '地址' } },
  { name: 'description', type: 'longText', label: { en: 'Description', 'zh-CN': '描述' } },
  { name: 'ownerId', type: 'user', label: { en: 'Owner', 'zh-CN': '负责人' } },
  { name: 'createdAt', type: 'dateTime', label: { en: 'Created', 'zh-CN': '创建时间' }, readOnly: true },
  { name: 'wechatId', type: 'text', label: { en: 'WeChat ID', 'zh-CN': '微信号' } },
  { name: 'tier', type: 'select', label: { en: 'Customer tier', 'zh-CN': '客户等级' } },
];

const asObject = (m: ReturnType<typeof autoMap>) => Object.fromEntries(m.map((c) => [c.column, c.field]));

describe('automatic mapping', () => {
  it('maps a Salesforce contact export', () => {
    const headers = [
      'Salutation',
      'First Name',
      'Last Name',
      'Title',
      'Account Name',
      'Email',
      'Phone',
      'Mobile Phone',
      'Mailing Street',
      'Mailing City',
      'Mailing State/Province',
      'Mailing Zip/Postal Code',
      'Mailing Country',
      'Contact Owner',
      'Lead Source',
      'Created Date',
    ];
    expect(asObject(autoMap(headers, contactFields))).toEqual({
      Salutation: null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Title: 'title',
      'Account Name': 'companyId',
      Email: 'email',
      Phone: 'phone',
      'Mobile Phone': 'mobile',
      'Mailing Street': 'address',
      'Mailing City': 'address',
      'Mailing State/Province': 'address',
      'Mailing Zip/Postal Code': 'address',
      'Mailing Country': 'address',
      'Contact Owner': 'ownerId',
      'Lead Source': null,
      'Created Date': null,
    });
  });

  it('maps a HubSpot contact export', () => {
    const headers = [
      'Record ID',
      'First Name',
      'Last Name',
      'Email',
      'Phone Number',
      'Company Name',
      'Job Title',
      'Contact owner',
      'Lifecycle Stage',
    ];
    expect(asObject(autoMap(headers, contactFields))).toEqual({
      'Record ID': null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'email',
      'Phone Number': 'phone',
      'Company Name': 'companyId',
      'Job Title': 'title',
      'Contact owner': 'ownerId',
      'Lifecycle Stage': null,
    });
  });

  it('maps Chinese headers, splitting 姓名 into first and last name', () => {
    const headers = [
      '姓名',
      '手机',
      '电话',
      '邮箱',
      '公司',
      '职位',
      '地址',
      '备注',
      '负责人',
      '微信号',
      '客户等级',
    ];
    expect(asObject(autoMap(headers, contactFields))).toEqual({
      姓名: 'fullName',
      手机: 'mobile',
      电话: 'phone',
      邮箱: 'email',
      公司: 'companyId',
      职位: 'title',
      地址: 'address',
      备注: 'description',
      负责人: 'ownerId',
      微信号: 'wechatId',
      客户等级: 'tier',
    });
  });

  it('ignores case, spaces, punctuation, full-width forms and required markers', () => {
    const headers = [
      'FIRST_NAME',
      'last-name',
      ' e-mail address ',
      'ｅｍａｉｌ',
      'Job Title *',
      'wechat id',
      'CUSTOMER TIER',
    ];
    expect(asObject(autoMap(headers, contactFields))).toEqual({
      FIRST_NAME: 'firstName',
      'last-name': 'lastName',
      // An exact name beats a synonym, whatever the order of the columns.
      'e-mail address': null,
      ｅｍａｉｌ: 'email',
      'Job Title *': 'title',
      'wechat id': 'wechatId',
      'CUSTOMER TIER': 'tier',
    });
  });

  it('maps custom fields by api name as well as by either label', () => {
    const m = asObject(autoMap(['wechatId', '客户等级'], contactFields));
    expect(m).toEqual({ wechatId: 'wechatId', 客户等级: 'tier' });
  });

  it('prefers separate first and last name columns over a whole-name column', () => {
    expect(asObject(autoMap(['Name', 'First Name', 'Last Name'], contactFields))).toEqual({
      Name: null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
    });
  });

  it('never maps onto read-only fields', () => {
    expect(asObject(autoMap(['createdAt', 'Created'], contactFields))).toEqual({
      createdAt: null,
      Created: null,
    });
  });

  it('tells repeated headers apart', () => {
    expect(columnNames(['Phone', 'Phone', '', 'Phone'])).toEqual([
      'Phone',
      'Phone (2)',
      'Column 3',
      'Phone (3)',
    ]);
    expect(asObject(autoMap(['Phone', 'Phone'], contactFields))).toEqual({
      Phone: 'phone',
      'Phone (2)': 'mobile',
    });
  });

  it('maps deal and company exports by the same table', () => {
    const deal: MappableField[] = [
      { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
      { name: 'amount', type: 'money', label: { en: 'Amount', 'zh-CN': '金额' } },
      { name: 'closeDate', type: 'date', label: { en: 'Close date', 'zh-CN': '预计成交日期' } },
      {
        name: 'stageId',
        type: 'relation',
        label: { en: 'Stage', 'zh-CN': '阶段' },
        relation: { object: 'stages' },
      },
      {
        name: 'companyId',
        type: 'relation',
        label: { en: 'Company', 'zh-CN': '公司' },
        relation: { object: 'companies' },
      },
      { name: 'ownerId', type: 'user', label: { en: 'Owner', 'zh-CN': '负责人' } },
    ];
    expect(
      asObject(
        autoMap(
          ['Deal Name', 'Amount', 'Close Date', 'Deal Stage', 'Associated Company', 'Deal owner', 'Currency'],
          deal,
        ),
      ),
    ).toEqual({
      'Deal Name': 'name',
      Amount: 'amount',
      'Close Date': 'closeDate',
      'Deal Stage': 'stageId',
      'Associated Company': 'companyId',
      'Deal owner': 'ownerId',
      Currency: 'amount.currency',
    });
    const company: MappableField[] = [
      { name: 'name', type: 'text', label: { en: 'Name', 'zh-CN': '名称' } },
      { name: 'domain', type: 'text', label: { en: 'Domain', 'zh-CN': '域名' } },
      { name: 'industry', type: 'select', label: { en: 'Industry', 'zh-CN': '行业' } },
      { name: 'employees', type: 'number', label: { en: 'Employees', 'zh-CN': '员工数' } },
      { name: 'annualRevenue', type: 'money', label: { en: 'Annual revenue', 'zh-CN': '年营业额' } },
      {
        name: 'parentCompanyId',
        type: 'relation',
        label: { en: 'Parent company', 'zh-CN': '上级公司' },
        relation: { object: 'companies' },
      },
    ];
    expect(
      asObject(
        autoMap(
          ['Account Name', 'Website', 'Industry', 'Number of Employees', 'Annual Revenue', 'Parent Account'],
          company,
        ),
      ),
    ).toEqual({
      'Account Name': 'name',
      Website: 'domain',
      Industry: 'industry',
      'Number of Employees': 'employees',
      'Annual Revenue': 'annualRevenue',
      'Parent Account': 'parentCompanyId',
    });
    expect(asObject(autoMap(['公司名称', '网址', '行业', '员工人数'], company))).toEqual({
      公司名称: 'name',
      网址: 'domain',
      行业: 'industry',
      员工人数: 'employees',
    });
  });
});
