// A realistic bilingual demo data set (setup's "load demo data" and RAPPORT_DEMO=1): Chinese and
// English companies with their contacts, deals across the default pipeline's stages, calls,
// meetings, notes and open tasks, leads, a commitment and tags. Written through the engine (as
// the system acting for the admin), so search keys, history, rollups and timelines are all real.
// Loading twice is a no-op: the "Demo" tag marks a workspace that has it.
import { sql } from 'kysely';
import { systemActor } from '../../platform/access/actor';
import { builtInRoles } from '../../platform/access/permissions';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db/schema';
import { listPipelines } from '../pipelines/pipelineService';
import { createRecord } from './write/createRecord';

const DEMO_TAG = 'Demo';
const DAY = 86_400_000;

interface DemoCompany {
  name: string;
  domain: string;
  industry: string;
  city: string;
  country: string;
  employees: number;
  phone: string;
  people: {
    first: string;
    last: string;
    title: string;
    email: string;
    phone: string;
    wechat?: string;
    linkedin?: string;
  }[];
  deal?: { name: string; amount: string; currency: string; stage: number; closeInDays: number };
}

const companies: DemoCompany[] = [
  {
    name: '杭州云帆科技有限公司',
    domain: 'yunfan-tech.cn',
    industry: 'technology',
    city: '杭州',
    country: 'CN',
    employees: 320,
    phone: '+86 571 8888 6601',
    people: [
      {
        first: '伟',
        last: '张',
        title: '技术总监',
        email: 'zhang.wei@yunfan-tech.cn',
        phone: '+86 138 0013 8000',
        wechat: 'zhangwei_yf',
      },
      {
        first: '娜',
        last: '李',
        title: '采购经理',
        email: 'li.na@yunfan-tech.cn',
        phone: '+86 139 1234 5678',
      },
    ],
    deal: { name: '云帆 CRM 部署', amount: '480000', currency: 'CNY', stage: 2, closeInDays: 20 },
  },
  {
    name: '上海东方精密制造股份有限公司',
    domain: 'dfjm.com.cn',
    industry: 'manufacturing',
    city: '上海',
    country: 'CN',
    employees: 1800,
    phone: '+86 21 6555 1200',
    people: [
      {
        first: '强',
        last: '王',
        title: '总经理',
        email: 'wangqiang@dfjm.com.cn',
        phone: '+86 136 0101 2020',
        wechat: 'wq_dfjm',
      },
      {
        first: '芳',
        last: '刘',
        title: '财务主管',
        email: 'liufang@dfjm.com.cn',
        phone: '+86 137 2020 3030',
      },
    ],
    deal: { name: '东方精密 售后服务合同', amount: '1250000', currency: 'CNY', stage: 3, closeInDays: 9 },
  },
  {
    name: '深圳蓝海物流集团',
    domain: 'lanhai-logistics.com',
    industry: 'logistics',
    city: '深圳',
    country: 'CN',
    employees: 5200,
    phone: '+86 755 2666 8800',
    people: [
      {
        first: '敏',
        last: '陈',
        title: '运营副总裁',
        email: 'chen.min@lanhai-logistics.com',
        phone: '+86 135 5555 6666',
      },
    ],
    deal: { name: '蓝海物流 车队管理试点', amount: '260000', currency: 'CNY', stage: 0, closeInDays: 45 },
  },
  {
    name: '北京智源教育科技',
    domain: 'zhiyuan-edu.cn',
    industry: 'education',
    city: '北京',
    country: 'CN',
    employees: 150,
    phone: '+86 10 8266 3300',
    people: [
      {
        first: '静',
        last: '赵',
        title: '校长助理',
        email: 'zhaojing@zhiyuan-edu.cn',
        phone: '+86 186 0000 1111',
      },
    ],
    deal: { name: '智源教育 年度订阅', amount: '96000', currency: 'CNY', stage: 4, closeInDays: -5 },
  },
  {
    name: '成都天府医疗器械',
    domain: 'tianfu-med.cn',
    industry: 'healthcare',
    city: '成都',
    country: 'CN',
    employees: 640,
    phone: '+86 28 8533 7700',
    people: [
      {
        first: '磊',
        last: '孙',
        title: '销售总监',
        email: 'sunlei@tianfu-med.cn',
        phone: '+86 189 8080 9090',
      },
    ],
  },
  {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    industry: 'retail',
    city: 'Seattle',
    country: 'US',
    employees: 85,
    phone: '+1 206 555 0142',
    people: [
      {
        first: 'Nancy',
        last: 'Davolio',
        title: 'Head of Sales',
        email: 'nancy@northwind.example',
        phone: '+1 206 555 0199',
        linkedin: 'nancydavolio',
      },
      {
        first: 'Andrew',
        last: 'Fuller',
        title: 'VP Operations',
        email: 'andrew@northwind.example',
        phone: '+1 206 555 0188',
      },
    ],
    deal: { name: 'Northwind — 50 seats', amount: '42000', currency: 'USD', stage: 1, closeInDays: 30 },
  },
  {
    name: 'Contoso Pharmaceuticals',
    domain: 'contoso-pharma.example',
    industry: 'healthcare',
    city: 'Basel',
    country: 'CH',
    employees: 12000,
    phone: '+41 61 555 01 00',
    people: [
      {
        first: 'Claire',
        last: 'Martin',
        title: 'Procurement Lead',
        email: 'c.martin@contoso-pharma.example',
        phone: '+41 79 555 01 23',
      },
    ],
    deal: { name: 'Contoso EMEA rollout', amount: '310000', currency: 'EUR', stage: 3, closeInDays: 14 },
  },
  {
    name: 'Fabrikam Energy',
    domain: 'fabrikam.example',
    industry: 'energy',
    city: 'London',
    country: 'GB',
    employees: 2300,
    phone: '+44 20 7946 0958',
    people: [
      {
        first: 'Oliver',
        last: 'Hughes',
        title: 'CIO',
        email: 'oliver.hughes@fabrikam.example',
        phone: '+44 7700 900123',
      },
    ],
    deal: { name: 'Fabrikam field service', amount: '88000', currency: 'GBP', stage: 5, closeInDays: -12 },
  },
  {
    name: 'Tailspin Toys',
    domain: 'tailspintoys.example',
    industry: 'retail',
    city: 'Singapore',
    country: 'SG',
    employees: 60,
    phone: '+65 6555 0100',
    people: [
      {
        first: 'Mei',
        last: 'Tan',
        title: 'Founder',
        email: 'mei@tailspintoys.example',
        phone: '+65 9123 4567',
      },
    ],
  },
];

const leads = [
  {
    firstName: '洋',
    lastName: '周',
    company: '苏州新锐电子',
    email: 'zhouyang@xinrui-e.cn',
    phone: '+86 150 1234 0000',
    source: 'event',
    score: 35,
  },
  {
    firstName: '婷',
    lastName: '吴',
    company: '广州美和家居',
    email: 'wuting@meihe.cn',
    source: 'web',
    score: 60,
    status: 'contacted',
  },
  {
    firstName: 'Sam',
    lastName: 'Patel',
    company: 'Alpine Outfitters',
    email: 'sam@alpine.example',
    source: 'referral',
    score: 20,
  },
  {
    firstName: 'Lucía',
    lastName: 'García',
    company: 'Soluciones Sol',
    email: 'lucia@sol.example',
    source: 'advertising',
    score: 10,
  },
];

export interface DemoResult {
  loaded: boolean;
  counts: Record<string, number>;
}

export async function loadDemoData(db: Db, workspaceId: string, adminUserId: string): Promise<DemoResult> {
  const admin = builtInRoles.find((r) => r.key === 'admin')!;
  return db.transaction().execute(async (tx) => {
    const ctx: Ctx = { db: tx, workspaceId, actor: systemActor(workspaceId, admin.permissions, adminUserId) };
    const marker = await sql<{ id: string }>`SELECT id FROM tags WHERE workspace_id = ${workspaceId}
      AND lower(name) = lower(${DEMO_TAG}) AND deleted_at IS NULL`.execute(tx);
    if (marker.rows[0]) return { loaded: false, counts: {} };
    const counts: Record<string, number> = {
      companies: 0,
      contacts: 0,
      deals: 0,
      activities: 0,
      leads: 0,
      commitments: 0,
      tags: 0,
    };
    const make = async (object: string, input: Record<string, unknown>) => {
      counts[object] = (counts[object] ?? 0) + 1;
      return createRecord(ctx, object, input);
    };
    const demo = await make('tags', { name: DEMO_TAG, color: 'gray' });
    const vip = await make('tags', { name: '重点客户 VIP', color: 'red' });
    const [pipeline] = await listPipelines(ctx);
    const stages = pipeline!.stages;
    const now = clock.now().getTime();
    const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();
    const date = (offsetDays: number) => iso(offsetDays).slice(0, 10);

    for (const [i, c] of companies.entries()) {
      const co = await make('companies', {
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        city: c.city,
        country: c.country,
        employees: c.employees,
        phone: c.phone,
        tagIds: i < 2 ? [demo.id, vip.id] : [demo.id],
      });
      const people = [];
      for (const p of c.people) {
        const social = [
          ...(p.wechat ? [{ network: 'wechat', handle: p.wechat }] : []),
          ...(p.linkedin
            ? [{ network: 'linkedin', handle: p.linkedin, url: `https://www.linkedin.com/in/${p.linkedin}` }]
            : []),
        ];
        people.push(
          await make('contacts', {
            firstName: p.first,
            lastName: p.last,
            title: p.title,
            email: p.email,
            phone: p.phone,
            companyId: co.id,
            city: c.city,
            country: c.country,
            socialProfiles: social,
            tagIds: [demo.id],
          }),
        );
      }
      const first = people[0]!;
      const zh = /\p{Script=Han}/u.test(c.name);
      await make('activities', {
        type: 'call',
        subject: zh ? '首次电话沟通' : 'Discovery call',
        body: zh
          ? '了解了现有流程和痛点，对方希望下周看演示。'
          : 'Walked through their current process; they want a demo next week.',
        outcome: 'interested',
        durationMinutes: 25,
        doneAt: iso(-20 + i),
        relatedTo: [{ object: 'contacts', id: first.id }],
      });
      await make('activities', {
        type: 'meeting',
        subject: zh ? '产品演示' : 'Product demo',
        location: zh ? '客户办公室' : 'Video call',
        durationMinutes: 60,
        doneAt: iso(-10 + i),
        relatedTo: [
          { object: 'contacts', id: first.id },
          { object: 'companies', id: co.id },
        ],
      });
      await make('activities', {
        type: 'note',
        subject: zh ? '组织架构' : 'Org chart',
        body: zh
          ? `${first.name} 负责技术选型，预算由财务审批。`
          : `${first.name} owns the decision; finance signs off the budget.`,
        relatedTo: [{ object: 'companies', id: co.id }],
      });
      let deal: Record<string, unknown> | null = null;
      if (c.deal) {
        const stage = stages[Math.min(c.deal.stage, stages.length - 1)]!;
        deal = await make('deals', {
          name: c.deal.name,
          amount: { amount: c.deal.amount, currency: c.deal.currency },
          stageId: stage.id,
          closeDate: date(c.deal.closeInDays),
          companyId: co.id,
          contactIds: people.map((p) => p.id),
          source: i % 2 ? 'referral' : 'web',
        });
      }
      await make('activities', {
        type: 'task',
        subject: zh ? '发送报价单' : 'Send the proposal',
        dueAt: iso(i % 3 === 0 ? 0 : i % 3 === 1 ? 2 : -1),
        priority: i % 3 === 0 ? 'high' : 'normal',
        relatedTo: [
          { object: 'contacts', id: first.id },
          ...(deal ? [{ object: 'deals', id: deal.id as string }] : []),
        ],
      });
      if (i === 1 && deal) {
        await make('commitments', {
          companyId: co.id,
          dealId: deal.id,
          description: '首年免费提供两次现场培训 / Two on-site training days free in year one',
          value: { amount: '20000', currency: 'CNY' },
          dueAt: iso(60),
        });
      }
    }
    for (const l of leads) await make('leads', l);
    return { loaded: true, counts };
  });
}
