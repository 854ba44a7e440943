// The list on a phone: one card per record (name, two key facts, tap-to-call and tap-to-mail),
// virtualised like the table, never wider than the screen.
import type { FieldMeta, ObjectMeta, RecordBase } from '@rapport/contracts/apiTypes';
import { ActionIcon, Box, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldValue } from '../../../components/FieldValue';
import { recordTitle } from '../recordTitle';

const ROW = 72;

export function PhoneList({
  meta,
  rows,
  columns,
  onOpen,
  hasMore,
  loadingMore,
  loadMore,
  height,
}: {
  meta: ObjectMeta;
  rows: RecordBase[];
  columns: string[];
  onOpen: (id: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  height: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    overscan: 8,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= rows.length - 10 && hasMore && !loadingMore) loadMore();
  }, [last, rows.length, hasMore, loadingMore, loadMore]);
  const titleFields = new Set(['name', 'firstName', 'lastName', 'subject']);
  const facts = columns
    .map((c) => meta.fields.find((f) => f.name === c))
    .filter(
      (f): f is FieldMeta =>
        Boolean(f) && !titleFields.has(f!.name) && f!.type !== 'phone' && f!.type !== 'email',
    )
    .slice(0, 2);
  const phoneField = meta.fields.find((f) => f.type === 'phone');
  const emailField = meta.fields.find((f) => f.type === 'email');

  return (
    <Box
      ref={ref}
      style={{ height, overflowY: 'auto', overflowX: 'hidden' }}
      role="list"
      aria-label={t('list.results')}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const r = rows[item.index]!;
          const phone = phoneField ? (r[phoneField.name] as string | undefined) : undefined;
          const email = emailField ? (r[emailField.name] as string | undefined) : undefined;
          return (
            <Group
              key={r.id}
              role="listitem"
              data-testid="list-row"
              wrap="nowrap"
              gap="xs"
              px="xs"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW,
                transform: `translateY(${item.start}px)`,
                borderBottom: '1px solid var(--mantine-color-gray-2)',
              }}
            >
              <UnstyledButton onClick={() => onOpen(r.id)} style={{ flex: 1, minWidth: 0 }}>
                <Text fw={600} truncate>
                  {recordTitle(meta, r)}
                </Text>
                <Group gap={6} wrap="nowrap" style={{ overflow: 'hidden' }}>
                  {facts.map((f) => (
                    <Text key={f.name} size="xs" c="dimmed" truncate component="div">
                      <FieldValue field={f} record={r} compact />
                    </Text>
                  ))}
                </Group>
              </UnstyledButton>
              {phone && (
                <ActionIcon
                  component="a"
                  href={`tel:${phone.replace(/[^\d+]/g, '')}`}
                  size="xl"
                  variant="light"
                  radius="xl"
                  aria-label={t('record.call', { name: recordTitle(meta, r) })}
                >
                  <IconPhone size={20} />
                </ActionIcon>
              )}
              {email && (
                <ActionIcon
                  component="a"
                  href={`mailto:${email}`}
                  size="xl"
                  variant="light"
                  radius="xl"
                  aria-label={t('record.email', { name: recordTitle(meta, r) })}
                >
                  <IconMail size={20} />
                </ActionIcon>
              )}
            </Group>
          );
        })}
      </div>
      {loadingMore && (
        <Group justify="center" p="xs">
          <Loader size="xs" />
        </Group>
      )}
    </Box>
  );
}
