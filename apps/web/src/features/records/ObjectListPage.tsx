// /:object — the list of any object (standard or custom): search, filters, sort, columns, saved
// views, bulk actions and CSV export; /deals?view=board shows the same deals as a board.
import type { FieldMeta, ListFilter } from '@rapport/contracts/apiTypes';
import {
  Badge,
  Button,
  Group,
  Popover,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconFilter,
  IconLayoutKanban,
  IconList,
  IconPlus,
  IconSearch,
  IconUpload,
} from '@tabler/icons-react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useViews } from '../../api/catalog';
import { useRecordList } from '../../api/records';
import { useObjectMeta } from '../../api/schema';
import { can, fieldAccess, hasCapability } from '../../app/permissions';
import { useQuickActions } from '../../app/QuickActions';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { FilterBuilder } from './filters/FilterBuilder';
import { toApiFilters } from './filters/filterModel';
import { BulkBar } from './list/BulkBar';
import { ColumnChooser } from './list/ColumnChooser';
import { ExportButton } from './list/ExportButton';
import { PhoneList } from './list/PhoneList';
import { RecordTable } from './list/RecordTable';
import { useListState } from './list/useListState';
import { ViewsMenu } from './list/ViewsMenu';
import { useUpdateRecord } from './useRecordMutations';

const DealsBoard = lazy(() => import('../deals/DealsBoard').then((m) => ({ default: m.DealsBoard })));

export function ObjectListPage() {
  const { object = '' } = useParams();
  const schema = useObjectMeta(object);
  if (schema.isPending) return <LoadingState />;
  if (schema.isError) return <ErrorState error={schema.error} onRetry={() => schema.refetch()} />;
  if (!schema.meta) return <ErrorState notFound />;
  return <ListFor key={object} object={object} />;
}

function ListFor({ object }: { object: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const me = useMe();
  const { meta } = useObjectMeta(object);
  const views = useViews(object);
  const list = useListState(meta!, views.data);
  const { state } = list;
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const { openNewRecord } = useQuickActions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [q, setQ] = useState(state.q);
  const pushQ = useDebouncedCallback((v: string) => list.setQ(v), 300);
  const message = useErrorMessage();
  const update = useUpdateRecord(object);

  const apiQuery = useMemo(
    () => ({ filters: toApiFilters(state.filters, meta!.fields), sort: state.sort, q: state.q }),
    [state.filters, state.sort, state.q, meta],
  );
  const rowsQuery = useRecordList(object, apiQuery, 100, !state.board);
  const rows = useMemo(() => rowsQuery.data?.pages.flatMap((p) => p.data) ?? [], [rowsQuery.data]);
  const title = localized(meta!.pluralLabel ?? meta!.label, locale);
  const perms = me.data?.permissions;
  const isDeals = object === 'deals';

  const applyFilters = (f: ListFilter[]) => {
    list.setFilters(f);
    setFiltersOpen(false);
  };

  const onSaveCell = async (row: { id: string; version: number }, field: FieldMeta, value: unknown) => {
    try {
      await update.mutateAsync({ id: row.id, patch: { [field.name]: value }, version: row.version });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
      throw err;
    }
  };

  const listHeight = phone ? 'calc(100dvh - 52px - 60px - 150px)' : 'calc(100dvh - 52px - 190px)';

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Title order={1} size="h3">
            {title}
          </Title>
          {views.data && (
            <ViewsMenu
              object={object}
              views={views.data}
              state={state}
              onChoose={list.chooseView}
              onSaved={list.chooseView}
            />
          )}
        </Group>
        <Group gap="xs" wrap="wrap">
          {isDeals && (
            <SegmentedControl
              size="xs"
              aria-label={t('deals.layout')}
              value={state.board ? 'board' : 'list'}
              onChange={(v) => list.setBoard(v === 'board')}
              data={[
                {
                  value: 'board',
                  label: (
                    <Group gap={4} wrap="nowrap">
                      <IconLayoutKanban size={14} />
                      {t('deals.board')}
                    </Group>
                  ),
                },
                {
                  value: 'list',
                  label: (
                    <Group gap={4} wrap="nowrap">
                      <IconList size={14} />
                      {t('deals.list')}
                    </Group>
                  ),
                },
              ]}
            />
          )}
          {can(perms, object, 'create') && hasCapability(me.data, 'importData') && (
            <Button
              size="sm"
              variant="default"
              component={Link}
              to={`/${object}/import`}
              leftSection={<IconUpload size={16} />}
            >
              {t('imports.open')}
            </Button>
          )}
          {can(perms, object, 'create') && (
            <Button size="sm" leftSection={<IconPlus size={16} />} onClick={() => openNewRecord(object)}>
              {t('list.new')}
            </Button>
          )}
        </Group>
      </Group>

      <Group gap="xs" wrap="wrap">
        <TextInput
          aria-label={t('list.search', { name: title })}
          placeholder={t('list.search', { name: title })}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            pushQ(e.currentTarget.value);
          }}
          style={{ flex: phone ? '1 1 100%' : '0 1 280px' }}
        />
        <Popover
          opened={filtersOpen}
          onChange={setFiltersOpen}
          position="bottom-start"
          shadow="md"
          width={phone ? 'target' : 620}
          trapFocus
        >
          <Popover.Target>
            <Button
              variant={state.filters.length ? 'light' : 'default'}
              size="sm"
              leftSection={<IconFilter size={16} />}
              onClick={() => setFiltersOpen((o) => !o)}
              rightSection={
                state.filters.length ? (
                  <Badge size="xs" circle>
                    {state.filters.length}
                  </Badge>
                ) : undefined
              }
            >
              {t('filters.title')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <FilterBuilder
              meta={meta!}
              value={state.filters}
              onApply={applyFilters}
              onCancel={() => setFiltersOpen(false)}
            />
          </Popover.Dropdown>
        </Popover>
        {!state.board && !phone && (
          <ColumnChooser meta={meta!} columns={state.columns} onChange={list.setColumns} />
        )}
        {!phone && can(perms, object, 'read') && hasCapability(me.data, 'exportData') && (
          <ExportButton object={object} query={apiQuery} />
        )}
        {state.modified && (
          <Button variant="subtle" size="sm" onClick={list.resetToView}>
            {t('views.reset')}
          </Button>
        )}
      </Group>

      {selected.size > 0 && !state.board && (
        <BulkBar meta={meta!} selected={[...selected]} onClear={() => setSelected(new Set())} />
      )}

      {state.board ? (
        <Suspense fallback={<LoadingState />}>
          <DealsBoard filters={apiQuery.filters} q={apiQuery.q} />
        </Suspense>
      ) : rowsQuery.isPending ? (
        <LoadingState />
      ) : rowsQuery.isError ? (
        <ErrorState error={rowsQuery.error} onRetry={() => rowsQuery.refetch()} />
      ) : rows.length === 0 ? (
        state.filters.length || state.q ? (
          <EmptyState
            title={t('list.noMatchesTitle')}
            hint={t('list.noMatchesHint')}
            action={
              <Button
                variant="light"
                onClick={() => {
                  list.setFilters([]);
                  list.setQ('');
                  setQ('');
                }}
              >
                {t('filters.clear')}
              </Button>
            }
          />
        ) : (
          <EmptyState
            title={t('list.emptyTitle', { name: title })}
            hint={t('list.emptyHint')}
            action={
              can(perms, object, 'create') ? (
                <Button onClick={() => openNewRecord(object)}>{t('list.new')}</Button>
              ) : undefined
            }
          />
        )
      ) : phone ? (
        <PhoneList
          meta={meta!}
          rows={rows}
          columns={state.columns}
          onOpen={(id) => navigate(`/${object}/${id}`)}
          hasMore={Boolean(rowsQuery.hasNextPage)}
          loadingMore={rowsQuery.isFetchingNextPage}
          loadMore={() => void rowsQuery.fetchNextPage()}
          height={listHeight}
        />
      ) : (
        <>
          <RecordTable
            meta={meta!}
            rows={rows}
            columns={state.columns}
            sort={state.sort}
            onSort={list.setSort}
            selected={selected}
            onSelectedChange={setSelected}
            onOpen={(id) => navigate(`/${object}/${id}`)}
            onSaveCell={onSaveCell}
            canEdit={(f) => can(perms, object, 'update') && fieldAccess(perms, object, f.name) === 'write'}
            hasMore={Boolean(rowsQuery.hasNextPage)}
            loadingMore={rowsQuery.isFetchingNextPage}
            loadMore={() => void rowsQuery.fetchNextPage()}
            height={listHeight}
          />
          <Text size="xs" c="dimmed">
            {t('list.count', { count: rows.length })}
            {rowsQuery.hasNextPage ? '+' : ''} · {t('list.keyboardHint')}
          </Text>
        </>
      )}
    </Stack>
  );
}
