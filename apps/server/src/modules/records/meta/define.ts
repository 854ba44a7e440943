// Small builders for standard object definitions, so each object's file reads as a list of its
// fields with their labels in both languages.
import type { FieldDef, FieldOption, FieldType, Labels, Storage } from './types';

export const L = (en: string, zh: string): Labels => ({ en, 'zh-CN': zh });

type Extra = Omit<Partial<FieldDef>, 'name' | 'type' | 'labels' | 'storage'>;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A field stored in its own column (the column name is the snake_case of the API name). */
export function column(
  name: string,
  type: FieldType,
  labels: Labels,
  extra: Extra & { column?: string } = {},
): FieldDef {
  const { column: col, ...rest } = extra;
  const sortable =
    !['longText', 'multiSelect', 'socialProfiles', 'relatedTo', 'moneyTotals'].includes(type) && !rest.many;
  return {
    name,
    type,
    labels,
    storage: { kind: 'column', column: col ?? snake(name) },
    sortable,
    nullable: !rest.required,
    ...rest,
  };
}

export function money(
  name: string,
  labels: Labels,
  cols: { amount: string; currency: string },
  extra: Extra = {},
): FieldDef {
  return {
    name,
    type: 'money',
    labels,
    storage: { kind: 'money', ...cols },
    sortable: true,
    nullable: true,
    ...extra,
  };
}

export function link(
  name: string,
  type: FieldType,
  labels: Labels,
  linkName: string,
  extra: Extra = {},
): FieldDef {
  const storage: Storage = { kind: 'link', link: linkName };
  return { name, type, labels, storage, sortable: false, nullable: true, ...extra };
}

export function options(list: [string, string, string][]): FieldOption[] {
  return list.map(([value, en, zh]) => ({ value, label: L(en, zh) }));
}

/** Fields every record has: identity, version, timestamps, ownership. */
export function systemFields(): FieldDef[] {
  return [
    column('id', 'text', L('ID', 'ID'), { system: true, required: true, sortable: false }),
    column('version', 'number', L('Version', '版本'), {
      system: true,
      required: true,
      integer: true,
      sortable: false,
    }),
    column('createdAt', 'dateTime', L('Created', '创建时间'), { system: true, required: true }),
    column('updatedAt', 'dateTime', L('Updated', '更新时间'), { system: true, required: true }),
    column('createdBy', 'relation', L('Created by', '创建人'), {
      system: true,
      relation: { object: 'users' },
      path: 'createdByUser',
    }),
    column('updatedBy', 'relation', L('Updated by', '更新人'), {
      system: true,
      relation: { object: 'users' },
      path: 'updatedByUser',
    }),
    column('ownerId', 'relation', L('Owner', '负责人'), { relation: { object: 'users' }, path: 'owner' }),
    column('teamId', 'relation', L('Team', '团队'), { relation: { object: 'teams' }, path: 'team' }),
    column('unitId', 'relation', L('Business unit', '业务单元'), {
      relation: { object: 'businessUnits' },
      path: 'unit',
    }),
  ];
}

export const activityTypeOptions = options([
  ['call', 'Call', '电话'],
  ['meeting', 'Meeting', '会议'],
  ['email', 'Email', '邮件'],
  ['task', 'Task', '任务'],
  ['note', 'Note', '备注'],
]);

/** Kept current by the engine when activities change (never written by a request). */
export function activityRollupFields(): FieldDef[] {
  return [
    column('lastActivityAt', 'dateTime', L('Last activity', '最近活动'), { system: true }),
    column('lastActivityType', 'select', L('Last activity type', '最近活动类型'), {
      system: true,
      options: activityTypeOptions,
    }),
    column('nextTaskAt', 'dateTime', L('Next task due', '下一任务到期'), { system: true }),
    column('nextTaskId', 'relation', L('Next task', '下一任务'), {
      system: true,
      relation: { object: 'activities' },
      path: 'nextTask',
    }),
  ];
}

export function dealRollupFields(): FieldDef[] {
  return [
    column('openDealValue', 'moneyTotals', L('Open deal value', '进行中商机金额'), {
      system: true,
      derivedFrom: 'deals',
    }),
    column('openDealCount', 'number', L('Open deals', '进行中商机数'), {
      system: true,
      integer: true,
      required: true,
      derivedFrom: 'deals',
    }),
  ];
}

export function tagField(): FieldDef {
  return link('tagIds', 'relation', L('Tags', '标签'), 'taggings', {
    relation: { object: 'tags', many: true },
  });
}
