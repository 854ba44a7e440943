// When a scheduled workflow fires next: its cron in the workspace's (or its own) time zone.
import cronParser from 'cron-parser';
import type { Trigger } from './workflowBody';
import { scheduleOf } from './validateWorkflow';

export function nextFireAt(trigger: Trigger, after: Date, workspaceZone: string): Date | null {
  const s = scheduleOf(trigger);
  if (trigger.event !== 'schedule' || !s) return null;
  const it = cronParser.parseExpression(s.cron, { currentDate: after, tz: s.timeZone ?? workspaceZone });
  return it.next().toDate();
}
