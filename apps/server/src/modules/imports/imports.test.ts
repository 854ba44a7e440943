// Imports over HTTP on a real database: fixture files made here, in each format and encoding.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { upload } from './testing/upload';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const listContacts = async () =>
  (await t.admin.client.get('/api/v1/objects/contacts?limit=200&sort=createdAt')).json().data as Record<
    string,
    any
  >[];

describe('importing contacts', () => {
  it('imports a Chinese Excel CSV in GB18030 with no mapping given', async () => {
    const csv =
      '姓名,手机,邮箱,公司,职位,备注\r\n张伟,138 0013 8000,zhangwei@example.cn,北京云帆科技,销售总监,老客户\r\n欧阳娜娜,13912345678,nana@example.cn,上海贸易,经理,\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: { createMissing: true },
      file: { name: '联系人.csv', content: iconv.encode(csv, 'gb18030') },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'completed',
      encoding: 'gb18030',
      counts: { created: 2, updated: 0, skipped: 0, failed: 0 },
    });
    const contacts = await listContacts();
    expect(contacts.map((c) => [c.lastName, c.firstName, c.phone, c.email, c.title])).toEqual([
      ['张', '伟', '+8613800138000', 'zhangwei@example.cn', '销售总监'],
      ['欧阳', '娜娜', '+8613912345678', 'nana@example.cn', '经理'],
    ]);
  });
});
