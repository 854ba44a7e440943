// Ctrl/⌘+K: type to search every record (names, e-mail, phone, pinyin — the server matches) and
// run commands such as "Log a call" or "New deal". Arrow keys move, Enter runs, Esc closes.
import type { SearchHit } from '@rapport/contracts/apiTypes';
import { Badge, Group, Kbd, Loader, Modal, ScrollArea, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { globalSearch } from '../../api/catalog';
import { useSchema } from '../../api/schema';
import { adminCapabilities, can, hasCapability } from '../../app/permissions';
import { useQuickActions } from '../../app/QuickActions';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { type Command, commands, matchCommands } from './commands';

type Item = { kind: 'command'; command: Command } | { kind: 'record'; hit: SearchHit };

export function CommandPalette({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const me = useMe();
  const schema = useSchema();
  const { openQuickLog, openNewRecord } = useQuickActions();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const search = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => globalSearch(debounced, signal),
    enabled: debounced.length > 0,
    staleTime: 10_000,
  });

  const label = (c: Command) => t(`palette.commands.${c.id}`);
  const available = commands.filter(
    (c) =>
      (c.needs ? can(me.data?.permissions, c.needs.object, c.needs.action) : true) &&
      (!c.adminOnly || adminCapabilities.some((x) => hasCapability(me.data, x))),
  );
  // Records first when there is a query; commands alone when it is empty.
  const items: Item[] = (() => {
    const cmds = matchCommands(available, query, label).map((command) => ({
      kind: 'command' as const,
      command,
    }));
    const hits = (debounced ? (search.data ?? []) : []).map((hit) => ({ kind: 'record' as const, hit }));
    // Records first when the query looks like a name; commands first when it is empty.
    return query.trim() ? [...hits, ...cmds] : cmds;
  })();

  const objectLabel = (name: string) => {
    const meta = schema.data?.find((o) => o.name === name);
    return meta ? localized(meta.label, locale) : name;
  };

  const run = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === 'record') {
      navigate(`/${item.hit.object}/${item.hit.id}`);
      return;
    }
    switch (item.command.id) {
      case 'logCall':
        return openQuickLog();
      case 'newDeal':
        return openNewRecord('deals');
      case 'newContact':
        return openNewRecord('contacts');
      case 'newCompany':
        return openNewRecord('companies');
      case 'newLead':
        return openNewRecord('leads');
      case 'newTask':
        return openNewRecord('activities', { type: 'task' });
      case 'myDay':
        return navigate('/my-day');
      case 'board':
        return navigate('/deals?view=board');
      case 'contacts':
        return navigate('/contacts');
      case 'companies':
        return navigate('/companies');
      case 'settings':
        return navigate('/settings');
      case 'account':
        return navigate('/account');
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(items[active]);
    }
  };
  const optionId = (i: number) => `palette-option-${i}`;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      withCloseButton={false}
      padding={0}
      size="lg"
      yOffset="10vh"
      aria-label={t('palette.title')}
    >
      <TextInput
        size="lg"
        variant="unstyled"
        px="md"
        py={4}
        autoFocus
        leftSection={search.isFetching ? <Loader size="xs" /> : <IconSearch size={18} />}
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded
        aria-controls="palette-list"
        aria-activedescendant={items[active] ? optionId(active) : undefined}
        aria-label={t('palette.placeholder')}
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      />
      <ScrollArea.Autosize mah="60vh">
        <div id="palette-list" role="listbox" aria-label={t('palette.results')} style={{ padding: 6 }}>
          {items.length === 0 && (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {debounced && search.isFetching ? t('common.loading') : t('palette.nothing')}
            </Text>
          )}
          {items.map((item, i) => (
            <UnstyledButton
              key={item.kind === 'record' ? `r-${item.hit.object}-${item.hit.id}` : `c-${item.command.id}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(item)}
              w="100%"
              px="sm"
              py={8}
              style={{
                borderRadius: 6,
                background: i === active ? 'var(--mantine-color-blue-0)' : undefined,
                display: 'block',
              }}
            >
              {item.kind === 'record' ? (
                <Group justify="space-between" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {item.hit.title}
                    </Text>
                    {item.hit.subtitle && (
                      <Text size="xs" c="dimmed" truncate>
                        {item.hit.subtitle}
                      </Text>
                    )}
                  </div>
                  <Badge variant="light" color="gray" size="sm" tt="none">
                    {objectLabel(item.hit.object)}
                  </Badge>
                </Group>
              ) : (
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">{label(item.command)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('palette.command')}
                  </Text>
                </Group>
              )}
            </UnstyledButton>
          ))}
        </div>
      </ScrollArea.Autosize>
      <Group gap="md" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('palette.move')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Enter</Kbd> {t('palette.open')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">Esc</Kbd> {t('common.close')}
        </Text>
      </Group>
    </Modal>
  );
}
