// The 360° history of a record, newest first: what was said on calls, meetings and notes, e-mails,
// field changes, stage moves and approvals, with chips to narrow it to some kinds.
import type { TimelineItem } from '@rapport/contracts/apiTypes';
import { Badge, Button, Chip, Group, Stack, Text, Timeline as MTimeline } from '@mantine/core';
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
import { type TimelineKind, timelineKinds, useTimeline } from '../../api/timeline';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime, formatRelative } from '../../i18n/format';

function iconFor(item: TimelineItem) {
  const type = String(item.type ?? item.activityType ?? '');
  if (item.kind === 'email') return <IconMail size={14} />;
  if (item.kind === 'change') return <IconPencil size={14} />;
  if (item.kind === 'stage') return <IconArrowsExchange size={14} />;
  if (item.kind === 'approval') return <IconGavel size={14} />;
  if (type === 'call') return <IconPhone size={14} />;
  if (type === 'meeting') return <IconCalendarEvent size={14} />;
  if (type === 'task') return <IconChecklist size={14} />;
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
              <TimelineEntry item={item} />
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

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = (
    <Text size="xs" c="dimmed" title={formatDateTime(item.at, locale)}>
      {formatRelative(item.at, locale)}
      {item.actor?.name ? ` · ${item.actor.name}` : ''}
    </Text>
  );
  if (item.kind === 'change') {
    const changes = (item.changes as
      | { field: string; label?: string; old?: unknown; new?: unknown }[]
      | undefined) ?? [{ field: String(item.field ?? ''), old: item.old, new: item.new }];
    return (
      <Stack gap={2}>
        {changes.map((c) => (
          <Text size="sm" key={c.field}>
            {t('timeline.changed', { field: c.label ?? c.field, old: show(c.old), new: show(c.new) })}
          </Text>
        ))}
        {when}
      </Stack>
    );
  }
  if (item.kind === 'stage') {
    return (
      <Stack gap={2}>
        <Text size="sm">
          {t('timeline.stageMoved', {
            from: show(item.fromName ?? item.from),
            to: show(item.toName ?? item.to),
          })}
        </Text>
        {when}
      </Stack>
    );
  }
  const type = String(item.type ?? '');
  const title = String(item.subject ?? item.title ?? '');
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600}>
          {title ||
            t(
              `timeline.kinds.${(timelineKinds as readonly string[]).includes(item.kind) ? (item.kind as TimelineKind) : 'activity'}`,
            )}
        </Text>
        {type && item.kind === 'activity' && (
          <Badge size="xs" variant="light">
            {(['call', 'meeting', 'note', 'task', 'email'] as const).includes(type as 'call')
              ? t(`composer.types.${type as 'call'}`)
              : type}
          </Badge>
        )}
        {typeof item.outcome === 'string' && item.outcome && (
          <Badge size="xs" variant="outline" color="gray">
            {item.outcome in outcomeKeys
              ? t(`composer.outcomes.${item.outcome as keyof typeof outcomeKeys}`)
              : item.outcome}
          </Badge>
        )}
        {typeof item.status === 'string' && item.kind !== 'activity' && (
          <Badge size="xs" variant="outline">
            {item.status}
          </Badge>
        )}
      </Group>
      {typeof item.body === 'string' && item.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
          {item.body}
        </Text>
      )}
      {typeof item.comment === 'string' && item.comment && <Text size="sm">{item.comment}</Text>}
      {when}
    </Stack>
  );
}

const outcomeKeys = { connected: 1, leftVoicemail: 1, noAnswer: 1, busy: 1, wrongNumber: 1 };

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') {
    const m = v as { amount?: string; currency?: string; name?: string };
    if (m.amount !== undefined) return `${m.amount} ${m.currency ?? ''}`.trim();
    if (m.name) return m.name;
    return JSON.stringify(v);
  }
  return String(v);
}
