// The 360° history of a record, newest first: what was said on calls, meetings and notes, e-mails,
// field changes, stage moves and approvals, with chips to narrow it to some kinds.
import type { TimelineItem } from '@rapport/contracts/apiTypes';
import { Anchor, Badge, Button, Chip, Group, Stack, Text, Timeline as MTimeline } from '@mantine/core';
import {
  IconArrowsExchange,
  IconCalendarEvent,
  IconChecklist,
  IconGavel,
  IconMail,
  IconNote,
  IconPencil,
  IconPhone,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useObjectMeta } from '../../api/schema';
import { optionLabel } from '../../components/FieldValue';
import { StageName } from '../../components/PipelineFields';
import { type TimelineKind, timelineKinds, useTimeline } from '../../api/timeline';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { changeValueText } from './changeValue';
import { useLocale } from '../../components/useLocale';
import { formatDateTime, formatRelative, localized } from '../../i18n/format';

interface ActivityDetail {
  type?: string;
  subject?: string | null;
  body?: string | null;
  outcome?: string | null;
  dueAt?: string | null;
  doneAt?: string | null;
}

const activityOf = (item: TimelineItem) => (item.activity as ActivityDetail | undefined) ?? {};

function iconFor(item: TimelineItem) {
  const type = activityOf(item).type ?? '';
  if (item.kind === 'email') return <IconMail size={14} />;
  if (item.kind === 'change') return <IconPencil size={14} />;
  if (item.kind === 'stage') return <IconArrowsExchange size={14} />;
  if (item.kind === 'approval') return <IconGavel size={14} />;
  if (type === 'call') return <IconPhone size={14} />;
  if (type === 'meeting') return <IconCalendarEvent size={14} />;
  if (type === 'task') return <IconChecklist size={14} />;
  if (type === 'email') return <IconMail size={14} />;
  return <IconNote size={14} />;
}

export function Timeline({ object, id }: { object: string; id: string }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const q = useTimeline(object, id, kinds);
  const items = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="sm">
      <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v as TimelineKind[])}>
        <Group gap={6} aria-label={t('timeline.filter')} role="group">
          {timelineKinds.map((k) => (
            <Chip key={k} value={k} size="xs">
              {t(`timeline.kinds.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('timeline.emptyTitle')} hint={t('timeline.emptyHint')} />
      ) : (
        <MTimeline bulletSize={24} lineWidth={2}>
          {items.map((item) => (
            <MTimeline.Item key={`${item.kind}-${item.id}`} bullet={iconFor(item)}>
              <TimelineEntry item={item} object={object} id={id} />
            </MTimeline.Item>
          ))}
        </MTimeline>
      )}
      {q.hasNextPage && (
        <Button variant="subtle" onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('timeline.more')}
        </Button>
      )}
    </Stack>
  );
}

function TimelineEntry({ item, object, id }: { item: TimelineItem; object: string; id: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const activities = useObjectMeta('activities');
  const target = useObjectMeta(item.object);
  const fieldOf = (name: unknown) => target.meta?.fields.find((x) => x.name === name);
  const fieldLabel = (name: unknown) => {
    const f = fieldOf(name);
    return f ? localized(f.label, locale) : String(name ?? '');
  };
  const yesNo = { yes: t('common.yes'), no: t('common.no') };
  const show = (v: unknown) => changeValueText(fieldOf(item.field), v, locale, yesNo);
  // A company's timeline also shows its contacts' and deals' events: say which record.
  const elsewhere = item.kind !== 'activity' && (item.object !== object || item.recordId !== id);
  const when = (
    <Text size="xs" c="dimmed" title={formatDateTime(item.at, locale)}>
      {formatRelative(item.at, locale)}
      {item.actor?.name ? ` · ${item.actor.name}` : ''}
      {elsewhere && (
        <>
          {' · '}
          <Anchor component={Link} to={`/${item.object}/${item.recordId}`} size="xs">
            {target.meta ? localized(target.meta.label, locale) : item.object}
          </Anchor>
        </>
      )}
    </Text>
  );
  if (item.kind === 'change') {
    const action = String(item.action ?? 'updated');
    const text =
      action === 'updated' && item.field
        ? t('timeline.changed', { field: fieldLabel(item.field), old: show(item.old), new: show(item.new) })
        : t(
            `timeline.actions.${(actionKeys as readonly string[]).includes(action) ? (action as (typeof actionKeys)[number]) : 'updated'}`,
          );
    return (
      <Stack gap={2}>
        <Text size="sm">{text}</Text>
        {when}
      </Stack>
    );
  }
  if (item.kind === 'stage') {
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Text size="sm">{t('timeline.stage')}</Text>
          {item.fromStageId ? <StageName id={item.fromStageId} /> : null}
          <Text size="sm">→</Text>
          <StageName id={item.toStageId} />
        </Group>
        {when}
      </Stack>
    );
  }
  if (item.kind === 'activity') {
    const a = activityOf(item);
    const typeField = activities.meta?.fields.find((f) => f.name === 'type');
    const outcomeField = activities.meta?.fields.find((f) => f.name === 'outcome');
    const typeLabel = a.type && typeField ? optionLabel(typeField, a.type, locale) : (a.type ?? '');
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <Anchor component={Link} to={`/activities/${item.recordId}`} size="sm" fw={600} c="inherit">
            {a.subject || typeLabel}
          </Anchor>
          {typeLabel && (
            <Badge size="xs" variant="light" tt="none">
              {typeLabel}
            </Badge>
          )}
          {a.outcome && (
            <Badge size="xs" variant="outline" color="gray" tt="none">
              {outcomeField ? optionLabel(outcomeField, a.outcome, locale) : a.outcome}
            </Badge>
          )}
          {a.type === 'task' && (
            <Badge size="xs" variant="light" color={a.doneAt ? 'green' : 'orange'} tt="none">
              {a.doneAt
                ? t('timeline.done')
                : a.dueAt
                  ? t('timeline.dueOn', { date: formatDateTime(a.dueAt, locale) })
                  : t('timeline.open')}
            </Badge>
          )}
        </Group>
        {a.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
            {a.body}
          </Text>
        )}
        {when}
      </Stack>
    );
  }
  // Emails, approvals and kinds added later by other domains: their own title and text.
  const title = String(item.subject ?? item.title ?? item.kind);
  return (
    <Stack gap={2}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {typeof item.status === 'string' && (
          <Badge size="xs" variant="outline" tt="none">
            {item.status}
          </Badge>
        )}
      </Group>
      {typeof item.snippet === 'string' && (
        <Text size="sm" lineClamp={4}>
          {item.snippet}
        </Text>
      )}
      {typeof item.comment === 'string' && <Text size="sm">{item.comment}</Text>}
      {when}
    </Stack>
  );
}

const actionKeys = ['created', 'updated', 'deleted', 'restored', 'converted', 'merged'] as const;
