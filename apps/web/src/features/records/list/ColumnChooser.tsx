// Choose which columns the list shows and in what order (move up/down keeps it keyboard-friendly).
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import { ActionIcon, Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../components/useLocale';
import { localized } from '../../../i18n/format';
import { columnCandidates } from './defaultColumns';

export function ColumnChooser({
  meta,
  columns,
  onChange,
}: {
  meta: ObjectMeta;
  columns: string[];
  onChange: (c: string[]) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const candidates = columnCandidates(meta);
  const ordered = [
    ...columns.map((c) => candidates.find((f) => f.name === c)!).filter(Boolean),
    ...candidates.filter((f) => !columns.includes(f.name)),
  ];
  const moveBy = (name: string, delta: number) => {
    const i = columns.indexOf(name);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= columns.length) return;
    const next = [...columns];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={300} trapFocus>
      <Popover.Target>
        <Button variant="default" size="sm" leftSection={<IconColumns size={16} />}>
          {t('list.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="sm" fw={600} mb="xs">
          {t('list.chooseColumns')}
        </Text>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={4}>
            {ordered.map((f) => {
              const on = columns.includes(f.name);
              const label = localized(f.label, locale);
              return (
                <Group key={f.name} justify="space-between" wrap="nowrap">
                  <Checkbox
                    size="sm"
                    label={label}
                    checked={on}
                    disabled={on && columns.length === 1}
                    onChange={() => onChange(on ? columns.filter((c) => c !== f.name) : [...columns, f.name])}
                  />
                  {on && (
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={t('list.moveUp', { name: label })}
                        onClick={() => moveBy(f.name, -1)}
                      >
                        <IconArrowUp size={14} />
                      </ActionIcon>
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        aria-label={t('list.moveDown', { name: label })}
                        onClick={() => moveBy(f.name, 1)}
                      >
                        <IconArrowDown size={14} />
                      </ActionIcon>
                    </Group>
                  )}
                </Group>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
