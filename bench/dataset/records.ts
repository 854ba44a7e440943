// The business records: contacts (with their company, owner and five activities each), a deal for
// every second contact (with its stage history), then the companies with the rollups their
// contacts, deals and activities add up to. Everything is streamed to the loader row by row; only
// per-company rollups and ids are held in memory.
import { contactHooks } from '../../apps/server/src/modules/contacts/contactHooks';
import { searchKeyOf } from '../../apps/server/src/modules/records/write/searchKey';
import type { Ctx } from '../../apps/server/src/platform/context';
import type { LoadedObject, WriteState } from '../../apps/server/src/modules/records/meta/types';
import { Json } from './copyText';
import { loadedObject } from './customFields';
import type { Loader, TableWriter } from './loader';
import type { Organisation, Owner, Stage } from './organisation';
import { makeCompany, makePerson, pinyinOf } from './people';
import type { Plan } from './plan';
import type { Random } from './random';
import { uuid7At } from './uuid7';
import { activityBodies, activitySubjects, dealWords } from './vocabulary';

const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;

const C = {
  record: [
    'workspace_id',
    'id',
    'version',
    'owner_id',
    'team_id',
    'unit_id',
    'custom',
    'search_text',
    'created_at',
    'updated_at',
    'created_by',
    'updated_by',
  ],
  rollups: ['last_activity_at', 'last_activity_type', 'next_task_at', 'next_task_id'],
};
const CONTACT_COLS = [
  ...C.record,
  'first_name',
  'last_name',
  'name',
  'email',
  'phone',
  'emails',
  'phones',
  'email_keys',
  'phone_keys',
  'title',
  'department',
  'company_id',
  'social_profiles',
  'city',
  'country',
  ...C.rollups,
  'open_deal_value',
  'open_deal_count',
];
const COMPANY_COLS = [
  ...C.record,
  'name',
  'domain',
  'industry',
  'employees',
  'annual_revenue',
  'annual_revenue_currency',
  'phone',
  'city',
  'country',
  ...C.rollups,
  'open_deal_value',
  'open_deal_count',
];
const DEAL_COLS = [
  ...C.record,
  'name',
  'amount',
  'currency',
  'pipeline_id',
  'stage_id',
  'status',
  'probability',
  'close_date',
  'closed_at',
  'stage_entered_at',
  'company_id',
  ...C.rollups,
];
const ACTIVITY_COLS = [...C.record, 'type', 'subject', 'body', 'due_at', 'done_at', 'outcome', 'occurred_at'];
const LINK_COLS = [
  'workspace_id',
  'activity_id',
  'object',
  'record_id',
  'direct',
  'via_object',
  'via_id',
  'occurred_at',
];
const HISTORY_COLS = [
  'workspace_id',
  'id',
  'object',
  'record_id',
  'company_id',
  'change_id',
  'kind',
  'actor_id',
  'at',
];
const STAGE_HISTORY_COLS = [
  'workspace_id',
  'id',
  'deal_id',
  'pipeline_id',
  'stage_id',
  'entered_at',
  'left_at',
  'entered_by',
  'amount',
  'currency',
];
const DEAL_CONTACT_COLS = ['workspace_id', 'deal_id', 'contact_id', 'position'];

interface Rollup {
  lastAt: number;
  lastType: string | null;
  nextAt: number;
  nextId: string | null;
}
const emptyRollup = (): Rollup => ({
  lastAt: 0,
  lastType: null,
  nextAt: Number.POSITIVE_INFINITY,
  nextId: null,
});
const rollupCells = (r: Rollup) => [
  r.lastAt ? new Date(r.lastAt) : null,
  r.lastType,
  r.nextId ? new Date(r.nextAt) : null,
  r.nextId,
];

/** Open deal totals in cents per currency, written as the app's rollup writes them. */
type OpenTotals = Map<string, number>;
const openValueJson = (t: OpenTotals | undefined) =>
  new Json(
    [...(t ?? new Map()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, cents]) => ({ amount: (cents / 100).toFixed(2), currency })),
  );

/**
 * What the app derives when a contact is written, computed by the app's own code: its prepare
 * hook (display name, email and phone keys) and the engine's search key of the result.
 */
export async function contactKeys(meta: LoadedObject, ctx: Ctx, values: Record<string, unknown>) {
  const state = {
    op: 'create',
    next: values,
    given: new Set(Object.keys(values)),
    extraColumns: {},
    errors: [],
  } as unknown as WriteState;
  await contactHooks.prepare!(ctx, state);
  const keys = state.extraColumns as { email_keys: string[]; phone_keys: string[] };
  return { state, keys, searchText: searchKeyOf(meta, state.next) };
}

export interface RecordCounts {
  contacts: number;
  companies: number;
  deals: number;
  activities: number;
  activityLinks: number;
  history: number;
  stageHistory: number;
  bigCompanyContacts: number;
  busyOwnerRecords: number;
}

export interface Samples {
  bigCompanyId: string;
  contactIds: string[];
  dealIds: string[];
  companyIds: string[];
  names: { latin: string[]; chinese: string[]; pinyin: string[]; phones: string[]; companies: string[] };
}

export async function generateRecords(
  db: Loader,
  plan: Plan,
  org: Organisation,
  rnd: Random,
  log: (m: string) => void,
) {
  const ws = org.workspaceId;
  const now = Date.now();
  const start = now - SPAN;
  const contactMeta = loadedObject('contacts', org.currency);
  const companyMeta = loadedObject('companies', org.currency);
  const dealMeta = loadedObject('deals', org.currency);
  const activityMeta = loadedObject('activities', org.currency);
  const hookCtx = { workspaceId: ws } as unknown as Ctx;

  const companyIds: string[] = [];
  const companyCreated: number[] = [];
  for (let j = 0; j < plan.companies; j++) {
    const at = start + (j / plan.companies) * SPAN * 0.5;
    companyCreated.push(at);
    companyIds.push(uuid7At(at, rnd));
  }
  const companyRollups = new Map<number, Rollup>();
  const companyOpen = new Map<number, OpenTotals>();
  const companyOpenCount = new Map<number, number>();
  const companyOwner: (Owner | undefined)[] = new Array(plan.companies);

  const others = org.owners.filter((o) => o !== org.busyOwner);
  const busyShare = plan.busyOwnerRecords / (plan.contacts + plan.companies + plan.deals);
  let busyCount = 0;
  const ownerFor = (): Owner => {
    return rnd.chance(busyShare) ? org.busyOwner : rnd.pick(others);
  };
  const bigShare = plan.bigCompanyContacts / plan.contacts;
  let bigCount = 0;

  const w = {
    contacts: await db.table('contacts', CONTACT_COLS),
    deals: await db.table('deals', DEAL_COLS),
    activities: await db.table('activities', ACTIVITY_COLS),
    links: await db.table('activity_links', LINK_COLS),
    history: await db.table('record_history', HISTORY_COLS),
    stages: await db.table('deal_stage_history', STAGE_HISTORY_COLS),
    dealContacts: await db.table('deal_contacts', DEAL_CONTACT_COLS),
  };
  const history = (object: string, id: string, companyId: string | null, at: number) =>
    w.history.write([
      ws,
      uuid7At(at, rnd),
      object,
      id,
      companyId,
      uuid7At(at, rnd),
      'created',
      org.adminId,
      new Date(at),
    ]);

  const activityKeys = new Map<string, string>();
  const activityKey = (subject: string, body: string) => {
    const k = `${subject}\u0000${body}`;
    let v = activityKeys.get(k);
    if (v === undefined) {
      v = searchKeyOf(activityMeta, { subject, body });
      activityKeys.set(k, v);
    }
    return v;
  };

  const samples: Samples = {
    bigCompanyId: companyIds[0]!,
    contactIds: [],
    dealIds: [],
    companyIds: [],
    names: { latin: [], chinese: [], pinyin: [], phones: [], companies: [] },
  };
  const sampleEvery = Math.max(1, Math.floor(plan.contacts / 400));
  const openStages = org.stages.filter((s) => s.kind === 'open');
  const wonStage = org.stages.find((s) => s.kind === 'won')!;
  const lostStage = org.stages.find((s) => s.kind === 'lost')!;

  for (let i = 0; i < plan.contacts; i++) {
    const createdAt = start + (i / plan.contacts) * SPAN + rnd.int(0, 3_600_000);
    const updatedAt = Math.min(now, createdAt + (now - createdAt) * rnd.next() ** 3);
    const id = uuid7At(createdAt, rnd);
    const companyIdx = rnd.chance(bigShare) ? 0 : rnd.int(1, plan.companies - 1);
    if (companyIdx === 0) bigCount++;
    const companyId = companyIds[companyIdx]!;
    const owner = ownerFor();
    const p = makePerson(rnd, i);
    const custom: Record<string, unknown> = {
      customerLevel: rnd.pick(['vip', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c']),
    };
    if (p.chinese && rnd.chance(0.4)) custom.wechat = `wx_${pinyinOf(p.lastName)}${i}`;
    const values: Record<string, unknown> = {
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      emails: [],
      phones: p.otherPhones,
      title: p.title,
      city: p.city,
      ...custom,
    };
    const { state, keys: ex, searchText } = await contactKeys(contactMeta, hookCtx, values);
    // Five activities, linked to the contact and (derived) to its company; the first also to the deal.
    const hasDeal = i % 2 === 0 && i / 2 < plan.deals;
    const dealId = hasDeal ? uuid7At(createdAt + 1000, rnd) : null;
    const contactRollup = emptyRollup();
    const dealRollup = emptyRollup();
    const companyRollup = companyRollups.get(companyIdx) ?? emptyRollup();
    companyRollups.set(companyIdx, companyRollup);
    for (let k = 0; k < plan.activitiesPerContact; k++) {
      const type = rnd.pick(['call', 'call', 'email', 'email', 'meeting', 'task', 'note'] as const);
      const at = createdAt + (now - createdAt) * rnd.next();
      const open = type === 'task' && rnd.chance(0.5);
      const dueAt = type === 'task' ? (open ? now + rnd.int(1, 30) * DAY : at) : null;
      const doneAt = open ? null : at;
      const occurredAt = doneAt ?? dueAt ?? at;
      const aid = uuid7At(at, rnd);
      const subject = rnd.pick(activitySubjects[type]!);
      const body = rnd.pick(activityBodies);
      await w.activities.write([
        ws,
        aid,
        1,
        owner.id,
        owner.teamId,
        owner.unitId,
        {},
        activityKey(subject, body),
        new Date(at),
        new Date(at),
        org.adminId,
        org.adminId,
        type,
        subject,
        body || null,
        dueAt ? new Date(dueAt) : null,
        doneAt ? new Date(doneAt) : null,
        type === 'call' ? rnd.pick(['connected', 'leftVoicemail', 'noAnswer', 'interested']) : null,
        new Date(occurredAt),
      ]);
      const od = new Date(occurredAt);
      await w.links.write([ws, aid, 'contacts', id, true, null, null, od]);
      await w.links.write([ws, aid, 'companies', companyId, false, 'contacts', id, od]);
      const targets = [contactRollup, companyRollup];
      if (dealId && k === 0) {
        await w.links.write([ws, aid, 'deals', dealId, true, null, null, od]);
        targets.push(dealRollup);
      }
      for (const r of targets) {
        if (doneAt && doneAt > r.lastAt) {
          r.lastAt = doneAt;
          r.lastType = type;
        }
        if (open && dueAt && dueAt < r.nextAt) {
          r.nextAt = dueAt;
          r.nextId = aid;
        }
      }
    }

    let contactOpen: OpenTotals | undefined;
    if (dealId) {
      const roll = rnd.next();
      const stage: Stage =
        roll < 0.15 ? wonStage : roll < 0.25 ? lostStage : openStages[rnd.skewed(openStages.length)]!;
      const currency = rnd.pick(['CNY', 'CNY', 'CNY', 'USD', 'USD', 'EUR']);
      const cents = rnd.int(1_000, 2_000_000) * 100;
      const amount = (cents / 100).toFixed(2);
      const dealOwner = rnd.chance(0.8) ? owner : ownerFor();
      const dealCreated = createdAt + 1000;
      const enteredAt = dealCreated + (now - dealCreated) * rnd.next() * 0.8;
      const closed = stage.kind !== 'open';
      const name = `${p.chinese ? p.name : p.lastName} · ${rnd.pick(dealWords)}`;
      const dealCustom = {
        region: rnd.pick(['east', 'east', 'north', 'south', 'west', 'overseas']),
        contractYears: rnd.int(1, 5),
      };
      const closeDate = new Date(enteredAt + rnd.int(10, 180) * DAY).toISOString().slice(0, 10);
      await w.deals.write([
        ws,
        dealId,
        1,
        dealOwner.id,
        dealOwner.teamId,
        dealOwner.unitId,
        dealCustom,
        searchKeyOf(dealMeta, { name, ...dealCustom }),
        new Date(dealCreated),
        new Date(Math.max(enteredAt, dealCreated)),
        org.adminId,
        org.adminId,
        name,
        amount,
        currency,
        org.pipelineId,
        stage.id,
        stage.kind,
        stage.probability,
        closeDate,
        closed ? new Date(enteredAt) : null,
        new Date(enteredAt),
        companyId,
        ...rollupCells(dealRollup),
      ]);
      await w.dealContacts.write([ws, dealId, id, 0]);
      await history('deals', dealId, companyId, dealCreated);
      // Stage stays: through the open stages up to this one, each left when the next was entered.
      const path = closed
        ? [...openStages.slice(0, rnd.int(1, openStages.length)), stage]
        : openStages.slice(0, stage.position + 1);
      const step = (enteredAt - dealCreated) / Math.max(1, path.length - 1);
      for (const [n, s] of path.entries()) {
        const entered = n === path.length - 1 ? enteredAt : dealCreated + n * step;
        const left = n === path.length - 1 ? null : new Date(dealCreated + (n + 1) * step);
        await w.stages.write([
          ws,
          uuid7At(entered, rnd),
          dealId,
          org.pipelineId,
          s.id,
          new Date(entered),
          left,
          dealOwner.id,
          amount,
          currency,
        ]);
      }
      if (dealOwner === org.busyOwner) busyCount++;
      if (!closed) {
        contactOpen = new Map([[currency, cents]]);
        const t = companyOpen.get(companyIdx) ?? new Map<string, number>();
        t.set(currency, (t.get(currency) ?? 0) + cents);
        companyOpen.set(companyIdx, t);
        companyOpenCount.set(companyIdx, (companyOpenCount.get(companyIdx) ?? 0) + 1);
      }
      if (i % sampleEvery === 0) samples.dealIds.push(dealId);
    }

    const nm = state.next as Record<string, unknown>;
    await w.contacts.write([
      ws,
      id,
      1,
      owner.id,
      owner.teamId,
      owner.unitId,
      custom,
      searchText,
      new Date(createdAt),
      new Date(updatedAt),
      org.adminId,
      org.adminId,
      p.firstName,
      p.lastName,
      nm.name as string,
      p.email,
      p.phone,
      [],
      p.otherPhones,
      ex.email_keys,
      ex.phone_keys,
      p.title,
      p.department,
      companyId,
      new Json([]),
      p.city,
      p.country,
      ...rollupCells(contactRollup),
      openValueJson(contactOpen),
      contactOpen ? 1 : 0,
    ]);
    await history('contacts', id, companyId, createdAt);
    if (owner === org.busyOwner) busyCount++;
    companyOwner[companyIdx] ??= owner;

    if (i % sampleEvery === 0) {
      samples.contactIds.push(id);
      if (p.chinese) {
        samples.names.chinese.push(nm.name as string);
        samples.names.pinyin.push(pinyinOf(nm.name as string));
      } else samples.names.latin.push(p.lastName);
      samples.names.phones.push(p.phone);
    }
    if (i > 0 && i % 100_000 === 0) log(`  ${i.toLocaleString('en')} contacts`);
  }

  const companies = await db.table('companies', COMPANY_COLS);
  for (let j = 0; j < plan.companies; j++) {
    const at = companyCreated[j]!;
    const c = makeCompany(rnd, j);
    const owner = j === 0 ? org.owners[2]! : (companyOwner[j] ?? ownerFor());
    if (owner === org.busyOwner) busyCount++;
    const custom = { creditRating: rnd.pick(['aaa', 'aa', 'a', 'a', 'b']) };
    const revenue = rnd.chance(0.6) ? `${rnd.int(1, 50_000) * 10_000}.00` : null;
    await companies.write([
      ws,
      companyIds[j]!,
      1,
      owner.id,
      owner.teamId,
      owner.unitId,
      custom,
      searchKeyOf(companyMeta, { name: c.name, domain: c.domain, phone: c.phone, city: c.city, ...custom }),
      new Date(at),
      new Date(at + (now - at) * rnd.next() ** 2),
      org.adminId,
      org.adminId,
      c.name,
      c.domain,
      c.industry,
      c.employees,
      revenue,
      revenue ? (c.chinese ? 'CNY' : 'USD') : null,
      c.phone,
      c.city,
      c.country,
      ...rollupCells(companyRollups.get(j) ?? emptyRollup()),
      openValueJson(companyOpen.get(j)),
      companyOpenCount.get(j) ?? 0,
    ]);
    await history('companies', companyIds[j]!, companyIds[j]!, at);
    if (j % Math.max(1, Math.floor(plan.companies / 100)) === 0) {
      samples.companyIds.push(companyIds[j]!);
      samples.names.companies.push(c.chinese ? c.name.slice(2, 4) : c.name.split(' ')[0]!);
    }
  }

  const writers: TableWriter[] = [...Object.values(w), companies];
  for (const t of writers) await t.end();
  const counts: RecordCounts = {
    contacts: w.contacts.rows,
    companies: companies.rows,
    deals: w.deals.rows,
    activities: w.activities.rows,
    activityLinks: w.links.rows,
    history: w.history.rows,
    stageHistory: w.stages.rows,
    bigCompanyContacts: bigCount,
    busyOwnerRecords: busyCount,
  };
  return { counts, samples };
}
