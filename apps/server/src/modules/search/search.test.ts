// Global search over HTTP against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// records are created through the records API, so the search keys are the engine's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  type Client,
  createTestApp,
  type TestApp,
  type TestUser,
} from '../../../test/harness';
import { countQueries } from '../../../test/countQueries';
import { newId } from '../../platform/ids';
import { createWorkspace } from '../workspaces/createWorkspace';

interface Hit {
  object: string;
  objectLabel: { en: string; 'zh-CN': string };
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

let t: TestApp;
let admin: Client;
let repA: TestUser;
let repB: TestUser;
let managerA: TestUser;
let support: TestUser;
const ids: Record<string, string> = {};

async function create(c: Client, object: string, body: Record<string, unknown>): Promise<string> {
  const res = await c.post(`/api/v1/objects/${object}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function search(c: Client, q: string, extra = ''): Promise<Hit[]> {
  const res = await c.get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
  return res.json().data;
}

const idsOf = (hits: Hit[]) => hits.map((h) => h.id);

beforeAll(async () => {
  t = await createTestApp();
  admin = t.admin.client;
  const teamA = await t.createTeam({ name: 'East' });
  const teamB = await t.createTeam({ name: 'West' });
  repA = await t.createUser({ role: 'rep', teamId: teamA, name: 'Rep A' });
  repB = await t.createUser({ role: 'rep', teamId: teamB, name: 'Rep B' });
  managerA = await t.createUser({ role: 'manager', teamId: teamA, name: 'Manager A' });
  support = await t.createUser({ role: 'support', name: 'Support' });

  ids.zhangWei = await create(admin, 'contacts', {
    lastName: '张',
    firstName: '伟',
    email: 'Zhang.Wei@Acme-Tech.cn',
    phone: '+86 138-0013-8000',
  });
  ids.lvBu = await create(admin, 'contacts', { lastName: '吕', firstName: '布', phone: '010 6552 9988' });
  ids.jose = await create(admin, 'contacts', { firstName: 'José', lastName: "O'Brien", title: 'CTO' });
  ids.bytedance = await create(admin, 'companies', {
    name: '北京字节跳动科技有限公司',
    domain: 'https://www.bytedance.com/zh',
  });
  ids.umbrella = await create(admin, 'companies', { name: 'Umbrella' });
  ids.umbrellas = await create(admin, 'companies', { name: 'Umbrellas Ltd' });
  ids.kumbrella = await create(admin, 'companies', { name: 'Kumbrella' });
  ids.umbrela = await create(admin, 'companies', { name: 'Umbrela' });
  ids.wildcard = await create(admin, 'companies', { name: '100% Pure_Juice' });
  ids.secretDeal = await create(repA.client, 'deals', {
    name: 'Zeppelin expansion',
    amount: { amount: '50000', currency: 'CNY' },
  });
  ids.repALead = await create(repA.client, 'leads', {
    firstName: 'Quentin',
    lastName: 'Marsh',
    company: 'Marsh Holdings',
    email: 'quentin@marsh.example',
  });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /search: what it matches', () => {
  it('finds a Chinese name by characters, full pinyin, toned pinyin, initials and typos', async () => {
    for (const q of ['张伟', '张 伟', 'zhangwei', 'ZhangWei', 'zhāng wěi', 'zhang wei', 'zw', 'zhangwie']) {
      const hits = await search(admin, q);
      expect(idsOf(hits), q).toContain(ids.zhangWei);
    }
    const [top] = await search(admin, '张伟');
    expect(top).toMatchObject({
      object: 'contacts',
      id: ids.zhangWei,
      title: '张伟',
      subtitle: 'Zhang.Wei@acme-tech.cn',
      objectLabel: { en: 'Contact', 'zh-CN': '联系人' },
    });
  });

  it('answers a pinyin name with its exact matches only, but still corrects a typo in it', async () => {
    const kaichen = await create(admin, 'contacts', { lastName: '唐', firstName: '凯晨' });
    const kaichun = await create(admin, 'contacts', { lastName: '唐', firstName: '凯春' });
    // tangkaichun is another person, not a misspelling of tangkaichen.
    const exact = idsOf(await search(admin, 'tangkaichen'));
    expect(exact).toContain(kaichen);
    expect(exact).not.toContain(kaichun);
    // Without an exact match, the typo pass still runs: "tangkaichne" is no pinyin.
    expect(idsOf(await search(admin, 'tangkaichne'))).toContain(kaichen);
  });

  it('finds 吕 by lv and by lu', async () => {
    expect(idsOf(await search(admin, 'lvbu'))).toContain(ids.lvBu);
    expect(idsOf(await search(admin, 'lübu'))).toContain(ids.lvBu);
  });

  it('finds a contact by email, its local part and its domain', async () => {
    for (const q of ['zhang.wei@acme-tech.cn', 'ZHANG.WEI@ACME-TECH.CN', 'zhang.wei', 'acme-tech.cn']) {
      expect(idsOf(await search(admin, q)), q).toContain(ids.zhangWei);
    }
  });

  it('finds a phone number written in any format', async () => {
    for (const q of [
      '+86 138-0013-8000',
      '+8613800138000',
      '0086 138 0013 8000',
      '13800138000',
      '138-0013-8000',
    ]) {
      expect(idsOf(await search(admin, q)), q).toContain(ids.zhangWei);
    }
    // Stored without a country code, found with one (and the reverse above).
    expect(idsOf(await search(admin, '+86 10 6552 9988'))).toContain(ids.lvBu);
    expect(idsOf(await search(admin, '+86 139 0000 0000'))).not.toContain(ids.zhangWei);
  });

  it('finds names regardless of accents and apostrophes', async () => {
    for (const q of ['jose', 'JOSÉ', "o'brien", 'obrien', 'jose obrien']) {
      expect(idsOf(await search(admin, q)), q).toContain(ids.jose);
    }
  });

  it('finds a Chinese company by part of its name, its pinyin initials and its domain', async () => {
    for (const q of [
      '字节',
      '字节跳动',
      '北京',
      'bjzjtd',
      'zijietiaodong',
      'bytedance.com',
      'https://www.bytedance.com',
    ]) {
      expect(idsOf(await search(admin, q)), q).toContain(ids.bytedance);
    }
  });

  it('answers two Chinese characters from word starts when they fill the page, else through pinyin', async () => {
    const consulting = await create(admin, 'companies', { name: '字节咨询' });
    const counter = countQueries(t);
    const full = await search(admin, '字节');
    const fullStatements = counter.n;
    // 字节 starts a word only in 字节咨询; inside 北京字节跳动… only the pinyin probe finds it.
    expect(idsOf(full).slice(0, 2)).toEqual([consulting, ids.bytedance]);
    counter.n = 0;
    const one = await search(admin, '字节', '&limit=1');
    expect(idsOf(one)).toEqual([consulting]);
    // The page of one was full after the word starts: the pinyin probe was never sent. (Counted on
    // PostgreSQL: on PGlite the statements of a transaction bypass the counter.)
    if (t.store.kind === 'postgres') expect(counter.n).toBe(fullStatements - 1);
  });

  it('ranks the whole word first, then a word start, then inside a word, then a typo', async () => {
    const hits = await search(admin, 'umbrella');
    expect(idsOf(hits)).toEqual([ids.umbrella, ids.umbrellas, ids.kumbrella, ids.umbrela]);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBe(1);
    for (const s of scores) expect(s).toBeGreaterThan(0);
  });

  it('cuts results at the limit, best first', async () => {
    const hits = await search(admin, 'umbrella', '&limit=2');
    expect(idsOf(hits)).toEqual([ids.umbrella, ids.umbrellas]);
  });

  it('shows a deal with its amount and a lead with its company', async () => {
    const [deal] = await search(admin, 'zeppelin');
    expect(deal).toMatchObject({
      object: 'deals',
      id: ids.secretDeal,
      title: 'Zeppelin expansion',
      subtitle: '50000.00 CNY',
    });
    const [lead] = await search(admin, 'quentin');
    expect(lead).toMatchObject({ object: 'leads', id: ids.repALead, subtitle: 'Marsh Holdings' });
  });
});

describe('GET /search: what it keeps current', () => {
  it('follows a rename: the old name is gone, the new one found', async () => {
    const id = await create(admin, 'companies', { name: 'Orchid Logistics' });
    expect(idsOf(await search(admin, 'orchid'))).toContain(id);
    const res = await admin.patch(`/api/v1/objects/companies/${id}`, { name: 'Lotus Freight' });
    expect(res.statusCode, res.body).toBe(200);
    expect(idsOf(await search(admin, 'orchid'))).not.toContain(id);
    expect(idsOf(await search(admin, 'lotus freight'))).toContain(id);
  });

  it('never returns a deleted record, and finds it again once restored', async () => {
    const id = await create(admin, 'contacts', { firstName: 'Ephemeral', lastName: 'Person' });
    expect(idsOf(await search(admin, 'ephemeral'))).toContain(id);
    expect((await admin.delete(`/api/v1/objects/contacts/${id}`)).statusCode).toBe(204);
    expect(idsOf(await search(admin, 'ephemeral'))).not.toContain(id);
    expect((await admin.post(`/api/v1/objects/contacts/${id}/restore`)).statusCode).toBe(200);
    expect(idsOf(await search(admin, 'ephemeral'))).toContain(id);
  });

  it('finds records of custom objects by their name and their searchable fields', async () => {
    const def = await admin.post('/api/v1/schema/objects', {
      name: 'projects',
      label: { en: 'Project', 'zh-CN': '项目' },
      pluralLabel: { en: 'Projects', 'zh-CN': '项目' },
    });
    expect(def.statusCode, def.body).toBe(201);
    const field = await admin.post('/api/v1/schema/objects/projects/fields', {
      name: 'siteCode',
      type: 'text',
      label: { en: 'Site code', 'zh-CN': '站点编号' },
      searchable: true,
    });
    expect(field.statusCode, field.body).toBe(201);
    const id = await create(admin, 'projects', { name: '长城数据中心 Great Wall DC', siteCode: 'GW-7731' });
    for (const q of ['长城', 'great wall', 'changcheng', 'ccsjzx', 'gw-7731']) {
      const hits = await search(admin, q);
      expect(idsOf(hits), q).toContain(id);
      expect(hits.find((h) => h.id === id)).toMatchObject({
        object: 'projects',
        title: '长城数据中心 Great Wall DC',
        objectLabel: { en: 'Project', 'zh-CN': '项目' },
      });
    }
    // A rep reads only their own custom records (the rep role's default scope).
    expect(idsOf(await search(repB.client, 'great wall'))).not.toContain(id);
    // A retired object's records are out of search with it.
    expect((await admin.delete('/api/v1/schema/objects/projects')).statusCode).toBe(204);
    expect(idsOf(await search(admin, 'great wall'))).not.toContain(id);
  });

  it('finds standard records by a custom field marked searchable', async () => {
    const field = await admin.post('/api/v1/schema/objects/companies/fields', {
      name: 'taxNumber',
      type: 'text',
      label: { en: 'Tax number', 'zh-CN': '税号' },
      searchable: true,
    });
    expect(field.statusCode, field.body).toBe(201);
    const id = await create(admin, 'companies', { name: 'Taxed Co', taxNumber: '91110000MA01ABCD2X' });
    expect(idsOf(await search(admin, '91110000ma01abcd2x'))).toEqual([id]);
  });
});

describe('GET /search: who finds what', () => {
  it("never shows a rep another rep's private deal, not even by its exact name", async () => {
    expect(idsOf(await search(repA.client, 'Zeppelin expansion'))).toContain(ids.secretDeal);
    expect(idsOf(await search(repB.client, 'Zeppelin expansion'))).not.toContain(ids.secretDeal);
    expect(idsOf(await search(repB.client, 'zeppelin'))).not.toContain(ids.secretDeal);
    expect(idsOf(await search(repB.client, 'zepelin'))).not.toContain(ids.secretDeal);
  });

  it("lets the rep's team manager and an admin find the deal", async () => {
    expect(idsOf(await search(managerA.client, 'zeppelin'))).toContain(ids.secretDeal);
    expect(idsOf(await search(admin, 'zeppelin'))).toContain(ids.secretDeal);
  });

  it('hides leads from a role that may not read leads at all, and shows shared contacts', async () => {
    expect(idsOf(await search(repB.client, 'quentin'))).not.toContain(ids.repALead);
    expect(idsOf(await search(support.client, 'quentin'))).toEqual([]);
    // Reps and support read every contact (shared accounts).
    expect(idsOf(await search(repB.client, '张伟'))).toContain(ids.zhangWei);
    expect(idsOf(await search(support.client, '张伟'))).toContain(ids.zhangWei);
  });

  it('never crosses workspaces', async () => {
    const email = `other-${newId()}@example.test`;
    const other = await createWorkspace(t.store.db, {
      name: 'Other Co',
      currency: 'USD',
      admin: { email, name: 'Other Admin', password: ADMIN_PASSWORD },
    });
    const otherAdmin = await t.login(email, ADMIN_PASSWORD);
    const theirs = await create(otherAdmin, 'companies', { name: 'Umbrella' });
    expect(idsOf(await search(admin, 'umbrella'))).not.toContain(theirs);
    expect(idsOf(await search(otherAdmin, 'umbrella'))).toEqual([theirs]);
    expect(other.workspaceId).not.toBe(t.workspaceId);
  });

  it('answers 401 without a session', async () => {
    const res = await t.anon.get('/api/v1/search?q=umbrella');
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /search: hostile input', () => {
  const problem = async (url: string) => {
    const res = await admin.get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    return res.json().errors.map((e: { field: string }) => e.field);
  };

  it('names the field for a missing, empty, blank, repeated or too long q', async () => {
    expect(await problem('/api/v1/search')).toEqual(['q']);
    expect(await problem('/api/v1/search?q=')).toEqual(['q']);
    expect(await problem('/api/v1/search?q=%20%20%09')).toEqual(['q']);
    expect(await problem('/api/v1/search?q=a&q=b')).toEqual(['q']);
    expect(await problem(`/api/v1/search?q=${'x'.repeat(1001)}`)).toEqual(['q']);
  });

  it('names q when it holds nothing searchable (only emoji or invisible characters)', async () => {
    expect(await problem(`/api/v1/search?q=${encodeURIComponent('🚀👩‍💻')}`)).toEqual(['q']);
    expect(await problem(`/api/v1/search?q=${encodeURIComponent('\u200b\u200b')}`)).toEqual(['q']);
  });

  it('names the field for a bad limit or an unknown parameter', async () => {
    for (const l of ['0', '51', '-1', '2.5', 'ten', '1e3']) {
      expect(await problem(`/api/v1/search?q=umbrella&limit=${l}`), l).toEqual(['limit']);
    }
    expect(await problem('/api/v1/search?q=umbrella&object=deals')).toEqual(['object']);
  });

  it('names q when it holds only punctuation, which no index can look up', async () => {
    for (const q of ['%', '_', '%%%', '___', '\\', '-- ', '...']) {
      expect(await problem(`/api/v1/search?q=${encodeURIComponent(q)}`), q).toEqual(['q']);
    }
  });

  it('treats LIKE wildcards next to letters and digits as themselves', async () => {
    expect(idsOf(await search(admin, '100%'))).toEqual([ids.wildcard]);
    expect(idsOf(await search(admin, 'pure_juice'))).toEqual([ids.wildcard]);
    expect(idsOf(await search(admin, '100% pure'))).toEqual([ids.wildcard]);
    expect(idsOf(await search(admin, 'e_j'))).toEqual([ids.wildcard]);
  });

  it('treats SQL, backslashes and quotes as text', async () => {
    for (const q of ["'; DROP TABLE contacts; --", "' OR 1=1 --", '$1', 'x\\y', 'a"b', "1') OR ('1'='1"]) {
      expect(await search(admin, q), q).toEqual([]);
    }
    const id = await create(admin, 'companies', { name: 'Back\\slash "Quoted" Ltd' });
    expect(idsOf(await search(admin, 'back\\slash'))).toEqual([id]);
    expect(idsOf(await search(admin, '"quoted"'))).toEqual([id]);
    expect(idsOf(await search(admin, '张伟'))).toContain(ids.zhangWei);
  });

  it('answers long, odd and mixed-script queries without an error', async () => {
    for (const q of [
      '长'.repeat(1000),
      '𠀀'.repeat(400),
      'a\u0000b',
      'ＵＭＢＲＥＬＬＡ',
      'umbrella 🚀',
      'Ω≈ç√∫',
    ]) {
      await search(admin, q);
    }
    expect(idsOf(await search(admin, 'ＵＭＢＲＥＬＬＡ'))[0]).toBe(ids.umbrella);
    expect(idsOf(await search(admin, 'umbrella 🚀'))[0]).toBe(ids.umbrella);
  });
});
