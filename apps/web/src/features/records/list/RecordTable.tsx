// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid positions rows absolutely, which <table> layout cannot do; ARIA grid roles carry the semantics instead
// biome-ignore-all lint/a11y/useFocusableInteractive: the grid itself takes focus and points at the active cell with aria-activedescendant (the ARIA grid pattern)
// biome-ignore-all lint/a11y/useKeyWithClickEvents: rows and cells are driven by the grid's own key handler (Enter, F2, Space)
// The list table: only the rows on screen are in the DOM (TanStack Virtual), so 10,000 loaded rows
// scroll as smoothly as 50. Keyboard: arrows move, Enter opens, F2 (or E) edits the cell,
// Space (or X) selects the row, Home/End jump; the next page loads as the end comes into view.
import type { FieldMeta, ObjectMeta, RecordBase, SortSpec } from '@rapport/contracts/apiTypes';
import { Box, Checkbox, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldValue } from '../../../components/FieldValue';
import { useLocale } from '../../../components/useLocale';
import { localized } from '../../../i18n/format';
import { columnWidth } from './columnWidth';
import { InlineCellEditor } from './InlineCellEditor';

export interface RecordTableProps {
  meta: ObjectMeta;
  rows: RecordBase[];
  columns: string[];
  sort: SortSpec[];
  onSort: (sort: SortSpec[]) => void;
  selected: Set<string>;
  onSelectedChange: (s: Set<string>) => void;
  onOpen: (id: string) => void;
  onSaveCell: (row: RecordBase, field: FieldMeta, value: unknown) => Promise<void>;
  canEdit: (field: FieldMeta) => boolean;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  height: string;
}

const ROW = 40;
const CHECK = 44;
const systemFields = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'version']);

export function RecordTable(p: RecordTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const fields = p.columns
    .map((c) => p.meta.fields.find((f) => f.name === c))
    .filter((f): f is FieldMeta => Boolean(f));
  const template = `${CHECK}px ${fields.map((f, i) => `${i === 0 ? Math.max(220, columnWidth(f)) : columnWidth(f)}px`).join(' ')}`;
  const width =
    CHECK + fields.reduce((s, f, i) => s + (i === 0 ? Math.max(220, columnWidth(f)) : columnWidth(f)), 0);

  const virtual = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= p.rows.length - 20 && p.hasMore && !p.loadingMore) p.loadMore();
  }, [last, p.rows.length, p.hasMore, p.loadingMore, p.loadMore]);

  useEffect(() => {
    if (active.row >= p.rows.length && p.rows.length) setActive((a) => ({ ...a, row: p.rows.length - 1 }));
  }, [p.rows.length, active.row]);

  const move = (row: number, col: number) => {
    const r = Math.max(0, Math.min(p.rows.length - 1, row));
    const c = Math.max(0, Math.min(fields.length - 1, col));
    setActive({ row: r, col: c });
    virtual.scrollToIndex(r, { align: 'auto' });
  };

  const toggle = (id: string) => {
    const next = new Set(p.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    p.onSelectedChange(next);
  };

  const editable = (f: FieldMeta | undefined) =>
    Boolean(f && !f.readOnly && !systemFields.has(f.name) && p.canEdit(f));

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing || !p.rows.length) return;
    const row = p.rows[active.row];
    switch (e.key) {
      case 'ArrowDown':
        move(active.row + 1, active.col);
        break;
      case 'ArrowUp':
        move(active.row - 1, active.col);
        break;
      case 'ArrowRight':
        move(active.row, active.col + 1);
        break;
      case 'ArrowLeft':
        move(active.row, active.col - 1);
        break;
      case 'Home':
        move(e.ctrlKey ? 0 : active.row, e.ctrlKey ? active.col : 0);
        break;
      case 'End':
        move(e.ctrlKey ? p.rows.length - 1 : active.row, e.ctrlKey ? active.col : fields.length - 1);
        break;
      case 'PageDown':
        move(active.row + 10, active.col);
        break;
      case 'PageUp':
        move(active.row - 10, active.col);
        break;
      case 'Enter':
        if (row) p.onOpen(row.id);
        break;
      case 'F2':
      case 'e':
        if (editable(fields[active.col])) setEditing({ ...active });
        break;
      case ' ':
      case 'x':
        if (row) toggle(row.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const sortOf = (f: FieldMeta) => p.sort.find((s) => s.field === f.name);
  const onHeader = (f: FieldMeta, add: boolean) => {
    const cur = sortOf(f);
    const next: SortSpec = { field: f.name, direction: cur?.direction === 'asc' ? 'desc' : 'asc' };
    p.onSort(add ? [...p.sort.filter((s) => s.field !== f.name), next] : [next]);
  };

  const allSelected = p.rows.length > 0 && p.rows.every((r) => p.selected.has(r.id));
  const activeId = p.rows[active.row] ? `cell-${p.rows[active.row]!.id}-${active.col}` : undefined;

  return (
    <Box
      ref={scrollRef}
      style={{
        height: p.height,
        overflow: 'auto',
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 8,
        position: 'relative',
      }}
    >
      <div
        ref={gridRef}
        role="grid"
        aria-label={localized(p.meta.pluralLabel ?? p.meta.label, locale)}
        aria-rowcount={p.rows.length + 1}
        aria-colcount={fields.length + 1}
        aria-multiselectable
        tabIndex={0}
        aria-activedescendant={editing ? undefined : activeId}
        onKeyDown={onKeyDown}
        style={{ minWidth: width, outline: 'none' }}
        className="rapport-grid"
      >
        <div
          role="row"
          aria-rowindex={1}
          style={{
            display: 'grid',
            gridTemplateColumns: template,
            position: 'sticky',
            top: 0,
            zIndex: 2,
            background: 'var(--mantine-color-gray-0)',
            borderBottom: '1px solid var(--mantine-color-gray-3)',
            height: ROW,
          }}
        >
          <div
            role="columnheader"
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
          >
            <Checkbox
              size="xs"
              aria-label={t('list.selectAll')}
              checked={allSelected}
              indeterminate={!allSelected && p.selected.size > 0}
              onChange={() => p.onSelectedChange(allSelected ? new Set() : new Set(p.rows.map((r) => r.id)))}
            />
          </div>
          {fields.map((f) => {
            const s = sortOf(f);
            return (
              <div
                key={f.name}
                role="columnheader"
                aria-sort={s ? (s.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                style={{ display: 'flex', alignItems: 'center', padding: '0 8px', minWidth: 0 }}
              >
                <UnstyledButton
                  disabled={f.sortable === false}
                  onClick={(e) => onHeader(f, e.shiftKey)}
                  title={f.sortable === false ? undefined : t('list.sortHint')}
                  style={{
                    display: 'flex',
                    alignItems: 'center',
                    gap: 4,
                    minWidth: 0,
                    fontWeight: 600,
                    fontSize: 13,
                  }}
                >
                  <Text span size="sm" fw={600} truncate>
                    {localized(f.label, locale)}
                  </Text>
                  {s &&
                    (s.direction === 'asc' ? (
                      <IconArrowUp size={14} aria-hidden />
                    ) : (
                      <IconArrowDown size={14} aria-hidden />
                    ))}
                </UnstyledButton>
              </div>
            );
          })}
        </div>

        <div role="rowgroup" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = p.rows[item.index]!;
            const isSel = p.selected.has(r.id);
            return (
              <div
                key={r.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSel}
                data-selected={isSel}
                className="rapport-row"
                data-testid="list-row"
                onClick={() => p.onOpen(r.id)}
                style={{
                  display: 'grid',
                  gridTemplateColumns: template,
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW,
                  transform: `translateY(${item.start}px)`,
                  borderBottom: '1px solid var(--mantine-color-gray-2)',
                }}
              >
                <div
                  role="gridcell"
                  style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
                  onClick={(e) => e.stopPropagation()}
                >
                  <Checkbox
                    size="xs"
                    aria-label={t('list.selectRow', { n: item.index + 1 })}
                    checked={isSel}
                    onChange={() => toggle(r.id)}
                    tabIndex={-1}
                  />
                </div>
                {fields.map((f, col) => {
                  const isActive = active.row === item.index && active.col === col;
                  const isEditing = editing?.row === item.index && editing.col === col;
                  return (
                    <div
                      key={f.name}
                      id={`cell-${r.id}-${col}`}
                      role="gridcell"
                      aria-colindex={col + 2}
                      data-active={isActive}
                      className="rapport-cell"
                      onDoubleClick={(e) => {
                        if (!editable(f)) return;
                        e.stopPropagation();
                        setActive({ row: item.index, col });
                        setEditing({ row: item.index, col });
                      }}
                      onClick={(e) => {
                        if (col > 0) {
                          setActive({ row: item.index, col });
                          if (editable(f)) {
                            e.stopPropagation();
                            gridRef.current?.focus();
                          }
                        }
                      }}
                      style={{
                        display: 'flex',
                        alignItems: 'center',
                        padding: '0 8px',
                        minWidth: 0,
                        overflow: 'hidden',
                        whiteSpace: 'nowrap',
                        fontSize: 14,
                        fontWeight: col === 0 ? 500 : undefined,
                        outline: isActive && !isEditing ? '2px solid var(--mantine-color-blue-5)' : undefined,
                        outlineOffset: -2,
                        position: 'relative',
                      }}
                    >
                      {isEditing ? (
                        <InlineCellEditor
                          field={f}
                          record={r}
                          onCancel={() => {
                            setEditing(null);
                            gridRef.current?.focus();
                          }}
                          onSave={async (value) => {
                            await p.onSaveCell(r, f, value);
                            setEditing(null);
                            gridRef.current?.focus();
                          }}
                        />
                      ) : (
                        <Box style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}>
                          <FieldValue field={f} record={r} compact />
                        </Box>
                      )}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        {p.loadingMore && (
          <Group justify="center" p="xs">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('list.loadingMore')}
            </Text>
          </Group>
        )}
      </div>
    </Box>
  );
}
