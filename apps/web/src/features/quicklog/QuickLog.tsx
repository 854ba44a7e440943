// Quick log: from any page, pick who the call was with (type a name, pinyin works), tap an
// outcome, optionally a note, and the follow-up task is already proposed — a few seconds in all.
import type { SearchHit } from '@rapport/contracts/apiTypes';
import { Badge, CloseButton, Drawer, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { globalSearch } from '../../api/catalog';
import type { QuickLogPrefill } from '../../app/QuickActions';
import { ActivityComposer } from '../timeline/ActivityComposer';
import type { RelatedRef } from '../timeline/activityDraft';

const loggable = new Set(['contacts', 'companies', 'deals', 'leads']);

function RelatedSearch({ value, onChange }: { value: RelatedRef[]; onChange: (r: RelatedRef[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const res = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => globalSearch(debounced, signal),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });
  const hits: SearchHit[] = (res.data ?? []).filter(
    (h) => loggable.has(h.object) && !value.some((v) => v.id === h.id),
  );
  return (
    <Stack gap={6}>
      {value.length > 0 && (
        <Group gap={6}>
          {value.map((r) => (
            <Badge
              key={r.id}
              size="lg"
              variant="light"
              tt="none"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('quickLog.remove', { name: r.title ?? '' })}
                  onClick={() => onChange(value.filter((x) => x.id !== r.id))}
                />
              }
            >
              {r.title}
            </Badge>
          ))}
        </Group>
      )}
      <Select
        label={t('quickLog.with')}
        placeholder={t('quickLog.withPlaceholder')}
        searchable
        autoFocus={value.length === 0}
        searchValue={q}
        onSearchChange={setQ}
        value={null}
        data={hits.map((h) => ({
          value: `${h.object}:${h.id}`,
          label: h.subtitle ? `${h.title} · ${h.subtitle}` : h.title,
        }))}
        filter={({ options }) => options}
        nothingFoundMessage={
          debounced
            ? res.isFetching
              ? t('common.loading')
              : t('common.noMatches')
            : t('common.typeToSearch')
        }
        onChange={(v) => {
          const hit = hits.find((h) => `${h.object}:${h.id}` === v);
          if (hit) onChange([...value, { object: hit.object, id: hit.id, title: hit.title }]);
          setQ('');
        }}
        comboboxProps={{ withinPortal: false }}
      />
    </Stack>
  );
}

export function QuickLog({
  opened,
  prefill,
  onClose,
}: {
  opened: boolean;
  prefill: QuickLogPrefill;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [related, setRelated] = useState<RelatedRef[]>(prefill.relatedTo ?? []);
  const body = (
    <ActivityComposer
      relatedTo={prefill.relatedTo ?? []}
      relatedOverride={related}
      types={['call', 'meeting', 'note']}
      followUpDefault
      autoFocus={related.length > 0}
      relatedPicker={<RelatedSearch value={related} onChange={setRelated} />}
      onCancel={onClose}
      onSaved={() => {
        notifications.show({ color: 'green', message: t('quickLog.saved') });
        onClose();
      }}
    />
  );
  if (phone)
    return (
      <Drawer
        opened={opened}
        onClose={onClose}
        position="bottom"
        size="auto"
        title={<Text fw={600}>{t('quickLog.title')}</Text>}
        radius="md"
      >
        {body}
      </Drawer>
    );
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('quickLog.title')}</Text>} size="lg">
      {body}
    </Modal>
  );
}
