// Social-profile columns: HubSpot's "LinkedIn URL" and "Twitter Username", a Chinese sheet's 微信 and
// 微博, handles and addresses read alike, an address of the wrong network refused at its column,
// profiles merged into a matched record (so a re-import is skipped), and an export that imports back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { coerceSocialProfile } from './coerce/socialProfiles';
import { upload } from './testing/upload';

type Rec = Record<string, any>;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const byEmail = async (): Promise<Map<string, Rec>> => {
  const res = await t.admin.client.get('/api/v1/objects/contacts?limit=200&sort=createdAt');
  expect(res.statusCode, res.body).toBe(200);
  return new Map(res.json().data.map((c: Rec) => [c.email, c]));
};

const hubspot =
  'First Name,Last Name,Email,LinkedIn URL,Twitter Username,LinkedIn Bio\r\n' +
  'Nancy,Davolio,nancy@example.com,https://www.linkedin.com/in/nancydavolio,@nancy,Sales rep at Northwind\r\n' +
  'Andrew,Fuller,andrew@example.com,linkedin.com/in/andrew-fuller/,twitter.com/afuller,\r\n' +
  'Janet,Leverling,janet@example.com,,x.com/janet,\r\n' +
  'Steven,Buchanan,steven@example.com,,,\r\n';

describe('social-profile columns', () => {
  it('maps a HubSpot export with no mapping given and stores handles with their addresses', async () => {
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'hubspot-crm-exports-all-contacts.csv', content: hubspot },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.mapping).toMatchObject({
      'LinkedIn URL': 'socialProfiles.linkedin',
      'Twitter Username': 'socialProfiles.x',
      // A biography, not a profile.
      'LinkedIn Bio': null,
    });
    expect(body.counts).toEqual({ created: 4, updated: 0, skipped: 0, failed: 0 });
    // The wizard is offered one target per network, labelled in both languages.
    expect(body.fields).toContainEqual({
      name: 'socialProfiles.wechat',
      type: 'socialProfile',
      label: { en: 'Social profiles — WeChat', 'zh-CN': '社交账号 — 微信' },
      required: false,
    });
    const c = await byEmail();
    expect(c.get('nancy@example.com')!.socialProfiles).toEqual([
      { network: 'linkedin', handle: 'nancydavolio', url: 'https://www.linkedin.com/in/nancydavolio' },
      { network: 'x', handle: 'nancy', url: 'https://x.com/nancy' },
    ]);
    expect(c.get('andrew@example.com')!.socialProfiles).toEqual([
      { network: 'linkedin', handle: 'andrew-fuller', url: 'https://linkedin.com/in/andrew-fuller/' },
      { network: 'x', handle: 'afuller', url: 'https://twitter.com/afuller' },
    ]);
    expect(c.get('janet@example.com')!.socialProfiles).toEqual([
      { network: 'x', handle: 'janet', url: 'https://x.com/janet' },
    ]);
    // Empty cells add nothing.
    expect(c.get('steven@example.com')!.socialProfiles).toEqual([]);
  });

  it('imports the same file again as skipped, and merges new profiles into matched records', async () => {
    const again = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'hubspot-crm-exports-all-contacts.csv', content: hubspot },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().counts).toEqual({ created: 0, updated: 0, skipped: 4, failed: 0 });

    // The same profiles written differently (a handle for an address, other case) are no change; a
    // new network is added beside them.
    const more =
      'Email,LinkedIn,X,GitHub\r\n' +
      'nancy@example.com,NancyDavolio,https://twitter.com/Nancy,nancyd\r\n' +
      'andrew@example.com,https://www.linkedin.com/in/andrew-fuller,@afuller,\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'more.csv', content: more },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mapping).toMatchObject({
      LinkedIn: 'socialProfiles.linkedin',
      X: 'socialProfiles.x',
      GitHub: 'socialProfiles.github',
    });
    expect(res.json().counts).toEqual({ created: 0, updated: 1, skipped: 1, failed: 0 });
    const nancy = (await byEmail()).get('nancy@example.com')!;
    expect(nancy.socialProfiles.map((p: Rec) => `${p.network}:${p.handle}`)).toEqual([
      'linkedin:nancydavolio',
      'x:nancy',
      'github:nancyd',
    ]);
  });

  it('reads a Chinese sheet with 微信 and 微博 columns', async () => {
    const csv =
      '姓名,邮箱,微信,微博\r\n' +
      '张伟,zhangwei@example.cn,zhangwei_88,https://weibo.com/u/1234567890\r\n' +
      '欧阳娜娜,nana@example.cn,wxid_nana; nana-work,@娜娜说\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: '联系人.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mapping).toMatchObject({
      姓名: 'fullName',
      微信: 'socialProfiles.wechat',
      微博: 'socialProfiles.weibo',
    });
    expect(res.json().counts).toEqual({ created: 2, updated: 0, skipped: 0, failed: 0 });
    const c = await byEmail();
    expect(c.get('zhangwei@example.cn')!.socialProfiles).toEqual([
      { network: 'wechat', handle: 'zhangwei_88', url: null },
      { network: 'weibo', handle: '1234567890', url: 'https://weibo.com/u/1234567890' },
    ]);
    expect(c.get('nana@example.cn')!.socialProfiles).toEqual([
      { network: 'wechat', handle: 'wxid_nana', url: null },
      { network: 'wechat', handle: 'nana-work', url: null },
      { network: 'weibo', handle: '娜娜说', url: null },
    ]);
  });

  it('refuses an address of another network, naming the column, and imports the other rows', async () => {
    const csv =
      'Name,Email,LinkedIn URL,微信号\r\n' +
      'Wrong,wrong@example.com,https://twitter.com/nancy,\r\n' +
      'Foreign,foreign@example.com,https://example.com/me,\r\n' +
      'Spaces,spaces@example.com,,my wechat id\r\n' +
      'Right,right@example.com,https://cn.linkedin.com/in/%E5%BC%A0%E4%BC%9F,\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'wrong.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 3 });
    expect(body.errors).toEqual([
      {
        row: 2,
        column: 'LinkedIn URL',
        field: 'socialProfiles',
        message: '"https://twitter.com/nancy" is a profile address for X (Twitter), not for LinkedIn',
      },
      {
        row: 3,
        column: 'LinkedIn URL',
        field: 'socialProfiles',
        message: '"https://example.com/me" is not a profile address for LinkedIn',
      },
      {
        row: 4,
        column: '微信号',
        field: 'socialProfiles',
        message: '"my wechat id" is not a handle or profile address for WeChat',
      },
    ]);
    const c = await byEmail();
    expect(c.has('wrong@example.com')).toBe(false);
    expect(c.get('right@example.com')!.socialProfiles).toEqual([
      {
        network: 'linkedin',
        handle: '张伟',
        url: 'https://cn.linkedin.com/in/%E5%BC%A0%E4%BC%9F',
      },
    ]);
  });

  it('takes a mapping given by hand: two columns for one network, a whole-field column', async () => {
    const csv =
      'Name,Email,Work profile,Personal profile,Everything\r\n' +
      'Hand,hand@example.com,github.com/hand-work,hand,"linkedin: https://www.linkedin.com/in/hand; wechat: hand_wx"\r\n';
    const res = await upload(t.admin.client, {
      object: 'contacts',
      options: {
        mapping: {
          Name: 'fullName',
          Email: 'email',
          'Work profile': 'socialProfiles.github',
          'Personal profile': 'socialProfiles.github',
          Everything: 'socialProfiles',
        },
      },
      file: { name: 'hand.csv', content: csv },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts).toMatchObject({ created: 1, failed: 0 });
    expect((await byEmail()).get('hand@example.com')!.socialProfiles).toEqual([
      { network: 'github', handle: 'hand-work', url: 'https://github.com/hand-work' },
      { network: 'github', handle: 'hand', url: 'https://github.com/hand' },
      { network: 'linkedin', handle: 'hand', url: 'https://www.linkedin.com/in/hand' },
      { network: 'wechat', handle: 'hand_wx', url: null },
    ]);
    const bad = await upload(t.admin.client, {
      object: 'contacts',
      options: { mapping: { Email: 'email', Everything: 'socialProfiles.myspace' } },
      file: { name: 'hand.csv', content: csv },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      {
        field: 'options.mapping.Everything',
        message: 'socialProfiles.myspace is not a field of this object',
      },
    ]);
  });

  it('exports profiles in a column that imports back onto the same records', async () => {
    const people = ['nancy@example.com', 'zhangwei@example.cn', 'hand@example.com'];
    const before = await byEmail();
    const exported = await t.admin.client.get(
      `/api/v1/objects/contacts/export?format=csv&sort=createdAt&email[in]=${people.join(',')}`,
    );
    expect(exported.statusCode, exported.body).toBe(200);
    const csv = exported.rawPayload;
    expect(csv.toString('utf8')).toContain(
      'linkedin: https://www.linkedin.com/in/nancydavolio; x: https://x.com/nancy; github: https://github.com/nancyd',
    );
    const same = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'contacts.csv', content: csv },
    });
    expect(same.statusCode, same.body).toBe(201);
    expect(same.json().mapping['Social profiles']).toBe('socialProfiles');
    expect(same.json().counts).toEqual({ created: 0, updated: 0, skipped: 3, failed: 0 });

    // Profiles removed since the export come back from it, exactly as they were.
    const zhang = before.get('zhangwei@example.cn')!;
    const cleared = await t.admin.client.patch(`/api/v1/objects/contacts/${zhang.id}`, {
      socialProfiles: [],
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const back = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'contacts.csv', content: csv },
    });
    expect(back.json().counts).toEqual({ created: 0, updated: 1, skipped: 2, failed: 0 });
    const after = await byEmail();
    for (const e of people) expect(after.get(e)!.socialProfiles).toEqual(before.get(e)!.socialProfiles);
  });

  it('exports XLSX with Chinese headers that import back too', async () => {
    const me = (locale: string) => t.admin.client.patch('/api/v1/auth/me', { locale });
    expect((await me('zh-CN')).statusCode).toBe(200);
    const xlsx = await t.admin.client.get(
      '/api/v1/objects/contacts/export?format=xlsx&email[in]=nana@example.cn,andrew@example.com',
    );
    expect((await me('en')).statusCode).toBe(200);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'contacts.xlsx', content: xlsx.rawPayload },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mapping.社交账号).toBe('socialProfiles');
    expect(res.json().counts).toEqual({ created: 0, updated: 0, skipped: 2, failed: 0 });
  });

  it('undo of an update takes the added profiles away again', async () => {
    const before = (await byEmail()).get('andrew@example.com')!.socialProfiles;
    const imp = await upload(t.admin.client, {
      object: 'contacts',
      file: {
        name: 'yt.csv',
        content: 'Email,YouTube\r\nandrew@example.com,https://www.youtube.com/@afuller\r\n',
      },
    });
    expect(imp.json().counts).toMatchObject({ updated: 1 });
    expect((await byEmail()).get('andrew@example.com')!.socialProfiles).toHaveLength(before.length + 1);
    const undo = await t.admin.client.post(`/api/v1/imports/${imp.json().id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().undo).toMatchObject({ restored: 1, keptLaterEdits: 0 });
    expect((await byEmail()).get('andrew@example.com')!.socialProfiles).toEqual(before);
  });
});

describe('one cell', () => {
  it('reads handles and addresses for each network, and says which network a bare handle needs', () => {
    const v = (text: string, n: Parameters<typeof coerceSocialProfile>[1]) => {
      const c = coerceSocialProfile(text, n);
      return c.ok ? c.value : c.message;
    };
    expect(v('https://github.com/octocat?tab=repositories', 'github')).toEqual({
      network: 'github',
      handle: 'octocat',
      url: 'https://github.com/octocat?tab=repositories',
    });
    expect(v('www.youtube.com/@nancy', 'youtube')).toMatchObject({ handle: 'nancy' });
    expect(v('https://www.facebook.com/profile.php?id=100001', 'facebook')).toMatchObject({
      handle: '100001',
    });
    expect(v('https://www.xiaohongshu.com/user/profile/5f3e9a', 'xiaohongshu')).toMatchObject({
      handle: '5f3e9a',
    });
    expect(v('instagram.com/nancy.d', 'instagram')).toMatchObject({ handle: 'nancy.d' });
    expect(v('nancy.d', 'instagram')).toEqual({
      network: 'instagram',
      handle: 'nancy.d',
      url: 'https://www.instagram.com/nancy.d',
    });
    expect(v('douyin_nancy', 'douyin')).toEqual({ network: 'douyin', handle: 'douyin_nancy', url: null });
    expect(v('not a handle', 'x')).toBe('"not a handle" is not a handle or profile address for X (Twitter)');
    // A whole-field cell names its network or is an address of a known one.
    expect(v('Twitter: nancy', null)).toMatchObject({ network: 'x', handle: 'nancy' });
    expect(v('微信：wx_abc', null)).toEqual({ network: 'wechat', handle: 'wx_abc', url: null });
    expect(v('https://github.com/nancy', null)).toMatchObject({ network: 'github', handle: 'nancy' });
    expect(v('https://blog.example.com/nancy', null)).toEqual({
      network: 'other',
      handle: null,
      url: 'https://blog.example.com/nancy',
    });
    expect(v('nancy', null)).toBe('"nancy": say which network, as in "linkedin: nancy"');
    expect(v('linkedin: https://github.com/nancy', null)).toBe(
      '"https://github.com/nancy" is a profile address for GitHub, not for LinkedIn',
    );
  });

  it('reads the social profiles of a vCard from a phone, and a card we export imports back as no change', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Peacock;Margaret;;;',
      'FN:Margaret Peacock',
      'EMAIL;type=INTERNET;type=WORK;type=pref:margaret@example.com',
      'X-SOCIALPROFILE;type=twitter;x-user=mpeacock:http://twitter.com/mpeacock',
      'X-SOCIALPROFILE;type=linkedin:http://www.linkedin.com/in/margaretpeacock',
      'X-SOCIALPROFILE;type=flickr:http://www.flickr.com/photos/mpeacock',
      'X-SOCIALPROFILE;type=sinaweibo:https://weibo.com/u/1234567',
      'END:VCARD',
      '',
    ].join('\r\n');
    const res = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'iphone.vcf', content: vcf },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().counts).toEqual({ created: 1, updated: 0, skipped: 0, failed: 0 });
    const m = (await byEmail()).get('margaret@example.com')!;
    expect(m.socialProfiles).toEqual([
      { network: 'x', handle: 'mpeacock', url: 'http://twitter.com/mpeacock' },
      { network: 'linkedin', handle: 'margaretpeacock', url: 'http://www.linkedin.com/in/margaretpeacock' },
      // A network we have no name for is kept as an address.
      { network: 'other', handle: null, url: 'http://www.flickr.com/photos/mpeacock' },
      { network: 'weibo', handle: expect.any(String), url: 'https://weibo.com/u/1234567' },
    ]);

    const card = await t.admin.client.get(`/api/v1/objects/contacts/${m.id}/vcard`);
    expect(card.statusCode).toBe(200);
    expect(card.body).toContain('X-SOCIALPROFILE;TYPE=other:http://www.flickr.com/photos/mpeacock');
    const back = await upload(t.admin.client, {
      object: 'contacts',
      file: { name: 'margaret.vcf', content: card.body },
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().counts).toEqual({ created: 0, updated: 0, skipped: 1, failed: 0 });
  });
});
