// Imports over HTTP on a real database, from fixture files made here in each format and encoding:
// Chinese Excel (GB18030), Salesforce and HubSpot exports, UTF-16 tab-separated text, XLSX with
// real dates, vCards, deals with stage names and money, and custom objects with custom fields.
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { xlsxStream } from '../../platform/files/xlsxWriter';
import { upload } from './testing/upload';

type Rec = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const list = async (object: string, query = ''): Promise<Rec[]> => {
  const res = await t.admin.client.get(`/api/v1/objects/${object}?limit=200&sort=createdAt${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data;
};
const contactsByEmail = async () => new Map((await list('contacts')).map((c) => [c.email, c]));

async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('formats and encodings', () => {
  it('imports a Chinese Excel CSV in GB18030 with no mapping given, creating the companies it names', async () => {
    const csv =
      '姓名,手机,邮箱,公司,职位,备注,生日\r\n' +
      '张伟,138 0013 8000,zhangwei@example.cn,北京云帆科技,销售总监,老客户,1985年3月1日\r\n' +
      '欧阳娜娜,13912345678,nana@example.cn,上海贸易,经理,,1990/5/20\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { createMissing: true },
      file: { name: '联系人.csv', content: iconv.encode(csv, 'gb18030') },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'completed',
      format: 'csv',
      encoding: 'gb18030',
      counts: { created: 2, updated: 0, skipped: 0, failed: 0 },
      relatedCreated: { companies: 2 },
      mapping: {
        姓名: 'fullName',
        手机: 'phone',
        邮箱: 'email',
        公司: 'companyId',
        职位: 'title',
        备注: 'description',
        生日: 'birthday',
      },
      progress: { processedRows: 2, totalRows: 2, percent: 100 },
    });
    expect(res.headers.location).toBe(`/api/v1/imports/${body.id}`);
    const byEmail = await contactsByEmail();
    expect(byEmail.get('zhangwei@example.cn')).toMatchObject({
      lastName: '张',
      firstName: '伟',
      phone: '+8613800138000',
      title: '销售总监',
      description: '老客户',
      birthday: '1985-03-01',
    });
    expect(byEmail.get('nana@example.cn')).toMatchObject({
      lastName: '欧阳',
      firstName: '娜娜',
      birthday: '1990-05-20',
    });
    const companies = await list('companies');
    const yunfan = companies.find((c) => c.name === '北京云帆科技');
    expect(yunfan).toBeDefined();
    expect(byEmail.get('zhangwei@example.cn')!.companyId).toBe(yunfan!.id);
  });

  it('imports a Salesforce contact export (UTF-8 with BOM) onto existing companies by name, ignoring case', async () => {
    const created = await t.admin.client.post('/api/v1/objects/companies', {
      name: 'Analytical Engines Ltd',
    });
    expect(created.statusCode).toBe(201);
    const csv =
      '\uFEFF"Salutation","First Name","Last Name","Title","Account Name","Email","Phone","Mobile Phone","Mailing Street","Mailing City","Mailing Country","Lead Source"\r\n' +
      '"Ms.","Ada","Lovelace","Countess","ANALYTICAL ENGINES LTD","ada@example.com","(415) 555-2671","+44 7700 900123","12 St James\'s Square","London","United Kingdom","Web"\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { defaultRegion: 'US' },
      file: { name: 'report1712345.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    expect(res.json().mapping).toMatchObject({
      Salutation: null,
      'Account Name': 'companyId',
      'Mobile Phone': 'phones',
      'Mailing City': 'city',
    });
    const ada = (await contactsByEmail()).get('ada@example.com')!;
    expect(ada).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      title: 'Countess',
      companyId: created.json().id,
      phone: '+14155552671',
      phones: ['+447700900123'],
      address: "12 St James's Square",
      city: 'London',
      country: 'United Kingdom',
    });
  });

  it('imports a HubSpot export with semicolons and an owner named by email', async () => {
    const csv =
      'Record ID;First Name;Last Name;Email;Phone Number;Company Name;Job Title;Contact owner;Lifecycle Stage\n' +
      `901;Grace;Hopper;grace@example.com;+1 202 555 0101;Navy;Rear Admiral;${t.admin.email};customer\n`;
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { createMissing: true },
      file: { name: 'hubspot-crm-exports-all-contacts.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ delimiter: ';', counts: { created: 1, failed: 0 } });
    expect((await contactsByEmail()).get('grace@example.com')).toMatchObject({
      ownerId: t.admin.id,
      title: 'Rear Admiral',
      phone: '+12025550101',
    });
  });

  it('imports UTF-16 tab-separated text (Excel "Unicode text")', async () => {
    const tsv =
      'First Name\tLast Name\tEmail\r\nRenée\tMüller\trenee@example.de\r\n李\t雷\tlilei@example.cn\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'contacts.txt', content: iconv.encode(tsv, 'utf16le', { addBOM: true }) },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'tsv', encoding: 'utf-16le', counts: { created: 2 } });
    const byEmail = await contactsByEmail();
    expect(byEmail.get('renee@example.de')).toMatchObject({ firstName: 'Renée', lastName: 'Müller' });
    expect(byEmail.get('lilei@example.cn')).toMatchObject({ firstName: '李', lastName: '雷' });
  });

  it('imports XLSX with real date cells, Excel serial numbers and numbers', async () => {
    async function* rows(): AsyncGenerator<(string | number | Date)[]> {
      yield ['Deal Name', 'Amount', 'Close Date', 'Deal Stage', 'Probability'];
      yield ['Expansion 2026', 125000.5, new Date(Date.UTC(2026, 2, 31)), 'Proposal', 50];
      yield ['Renewal 2026', '¥88,000', '46082', '方案报价', '45%'];
    }
    const file = await bytesOf(xlsxStream({ name: 'Deals', header: [], rows: rows() }));
    // The writer puts an empty header row first; a sheet may start with blank rows.
    const res = await upload(t.admin.client, {
      object: 'deals',
      file: { name: 'deals.xlsx', content: file },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'xlsx', counts: { created: 2, failed: 0 } });
    const deals = await list('deals');
    const expansion = deals.find((d) => d.name === 'Expansion 2026')!;
    const renewal = deals.find((d) => d.name === 'Renewal 2026')!;
    expect(expansion).toMatchObject({
      amount: { amount: '125000.50', currency: 'CNY' },
      closeDate: '2026-03-31',
      probability: 50,
    });
    expect(renewal).toMatchObject({
      amount: { amount: '88000.00', currency: 'CNY' },
      closeDate: '2026-03-01',
      probability: 45,
    });
    expect(renewal.stageId).toBe(expansion.stageId);
  });

  it('imports a vCard file (3.0 and 4.0 cards, folded lines)', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Hamilton;Margaret;;;',
      'FN:Margaret Hamilton',
      'ORG:Apollo Guidance',
      'EMAIL;type=INTERNET;type=WORK:margaret@example.com',
      'TEL;type=CELL:+1 617 555 0199',
      'NOTE:Wrote the flight softw',
      ' are.',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:王芳',
      'N:王;芳;;;',
      'EMAIL;PREF=1:wangfang@example.cn',
      'TEL;VALUE=uri;TYPE=work:tel:+86-10-8888-6666',
      'BDAY:19880808',
      'END:VCARD',
      '',
    ].join('\r\n');
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { createMissing: true },
      file: { name: 'export.vcf', content: vcf },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ format: 'vcard', counts: { created: 2, failed: 0 } });
    const byEmail = await contactsByEmail();
    expect(byEmail.get('margaret@example.com')).toMatchObject({
      firstName: 'Margaret',
      lastName: 'Hamilton',
      phone: '+16175550199',
      description: 'Wrote the flight software.',
    });
    expect(byEmail.get('wangfang@example.cn')).toMatchObject({
      lastName: '王',
      firstName: '芳',
      phone: '+861088886666',
      birthday: '1988-08-08',
    });
  });

  it('imports into a custom object by field api names and by labels in either language', async () => {
    const obj = await t.admin.client.post('/api/v1/schema/objects', {
      name: 'projects',
      label: { en: 'Project', 'zh-CN': '项目' },
      pluralLabel: { en: 'Projects', 'zh-CN': '项目' },
    });
    expect(obj.statusCode, obj.body).toBe(201);
    const fields = [
      { name: 'budget', type: 'money', label: { en: 'Budget', 'zh-CN': '预算' } },
      { name: 'startsOn', type: 'date', label: { en: 'Start date', 'zh-CN': '开始日期' } },
      {
        name: 'priority',
        type: 'select',
        label: { en: 'Priority', 'zh-CN': '优先级' },
        options: [
          { value: 'high', label: { en: 'High', 'zh-CN': '高' } },
          { value: 'low', label: { en: 'Low', 'zh-CN': '低' } },
        ],
      },
      { name: 'onSite', type: 'boolean', label: { en: 'On site', 'zh-CN': '驻场' } },
      {
        name: 'client',
        type: 'relation',
        label: { en: 'Client', 'zh-CN': '客户' },
        relation: { object: 'companies' },
      },
    ];
    for (const f of fields) {
      const r = await t.admin.client.post('/api/v1/schema/objects/projects/fields', f);
      expect(r.statusCode, r.body).toBe(201);
    }
    const csv =
      'name,预算,Start date,优先级,驻场,客户\r\nERP rollout,"€12.500,00",1/3/2026,高,是,Analytical Engines Ltd\r\n';
    const res = await upload(t.admin.client, {
      object: 'projects',
      options: { dayFirst: true, decimalSeparator: ',' },
      file: { name: 'p.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      counts: { created: 1, failed: 0 },
      mapping: {
        name: 'name',
        预算: 'budget',
        'Start date': 'startsOn',
        优先级: 'priority',
        驻场: 'onSite',
        客户: 'client',
      },
    });
    const [p] = await list('projects');
    expect(p).toMatchObject({
      name: 'ERP rollout',
      budget: { amount: '12500.00', currency: 'EUR' },
      startsOn: '2026-03-01',
      priority: 'high',
      onSite: true,
    });
    const company = (await list('companies')).find((c) => c.name === 'Analytical Engines Ltd');
    expect(p!.client).toBe(company!.id);
  });
});
