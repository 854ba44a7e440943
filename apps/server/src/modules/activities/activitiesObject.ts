// Activities: calls, meetings, emails, tasks and notes, each related to any records. A done
// activity counts as the record's last activity; an open one with a due date is its next task.
import { activityTypeOptions, column, L, link, options, systemFields } from '../records/meta/define';
import type { ObjectDef } from '../records/meta/types';
import { activityHooks } from './activityHooks';

export const outcomeOptions = options([
  ['connected', 'Connected', '已接通'],
  ['leftVoicemail', 'Left voicemail', '已留言'],
  ['noAnswer', 'No answer', '无人接听'],
  ['busy', 'Busy', '占线'],
  ['wrongNumber', 'Wrong number', '号码错误'],
  ['interested', 'Interested', '有意向'],
  ['notInterested', 'Not interested', '无意向'],
  ['followUp', 'Follow-up needed', '需跟进'],
  ['completed', 'Completed', '已完成'],
]);

export const priorityOptions = options([
  ['low', 'Low', '低'],
  ['normal', 'Normal', '普通'],
  ['high', 'High', '高'],
]);

export const activitiesObject: ObjectDef = {
  name: 'activities',
  table: 'activities',
  labels: L('Activity', '活动'),
  pluralLabels: L('Activities', '活动'),
  titleField: 'subject',
  hooks: activityHooks,
  fields: [
    ...systemFields(),
    column('type', 'select', L('Type', '类型'), { options: activityTypeOptions, required: true }),
    column('subject', 'text', L('Subject', '主题'), { search: 'names', maxLength: 500 }),
    column('body', 'longText', L('Details', '详情'), { search: 'other' }),
    column('dueAt', 'dateTime', L('Due', '截止时间')),
    column('doneAt', 'dateTime', L('Done', '完成时间')),
    column('outcome', 'select', L('Outcome', '结果'), { options: outcomeOptions }),
    column('durationMinutes', 'number', L('Duration (minutes)', '时长（分钟）'), {
      integer: true,
      min: 0,
      max: 100_000,
    }),
    column('location', 'text', L('Location', '地点'), { maxLength: 500 }),
    column('priority', 'select', L('Priority', '优先级'), { options: priorityOptions }),
    column('occurredAt', 'dateTime', L('When', '时间'), { system: true, required: true }),
    link('relatedTo', 'relatedTo', L('Related to', '关联记录'), 'activityLinks', { nullable: false }),
  ],
};
