// The kanban board itself: columns by stage, cards that can be dragged with a mouse, a finger or
// the keyboard (Space to lift, arrows to move, Space to drop). It only reports a move; the
// container decides how to save it and whether to roll back. Each card also has a "Move to stage…"
// menu for touch and keyboard users, reporting the same move as a drop.
import type { Pipeline, RecordBase } from '@rapport/contracts/apiTypes';
import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { ActionIcon, Badge, Box, Group, Menu, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../components/useLocale';
import { formatDate, formatMoney, nameOf } from '../../i18n/format';
import type { Money } from '@rapport/contracts/apiTypes';
import type { Columns } from './boardModel';
import { stageKeyboardCoordinates } from './stageKeyboard';

/** What a column's header says: every matching deal of the stage, not only the loaded cards. */
export interface StageTotal {
  count: number;
  /** In the workspace currency; null when the caller may not see amounts. */
  amount: Money | null;
  /** Deals whose currency has no exchange rate: counted, not in `amount`. */
  unconverted: number;
  /** True when the figures cover only the loaded cards (the server's summary is not in yet). */
  partial?: boolean;
}

export interface BoardViewProps {
  pipeline: Pipeline;
  columns: Columns;
  currency: string;
  totals: Record<string, StageTotal>;
  onMove: (dealId: string, toStage: string) => void;
  canMove: boolean;
}

export function BoardView({ pipeline, columns, currency, totals, onMove, canMove }: BoardViewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [dragging, setDragging] = useState<RecordBase | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: stageKeyboardCoordinates }),
  );
  const stageName = (id: string) =>
    nameOf(
      pipeline.stages.find((s) => s.id === id),
      locale,
    );
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const to = e.over?.id ? String(e.over.id) : null;
    const from = e.active.data.current?.stageId as string | undefined;
    if (to && to !== from) onMove(String(e.active.id), to);
  };

  return (
    <DndContext
      sensors={sensors}
      onDragStart={(e) => setDragging((e.active.data.current?.deal as RecordBase) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements: {
          onDragStart: ({ active }) =>
            t('board.aPicked', { name: String(active.data.current?.deal?.name ?? '') }),
          onDragOver: ({ over }) =>
            over ? t('board.aOver', { stage: stageName(String(over.id)) }) : t('board.aNotOver'),
          onDragEnd: ({ over, active }) =>
            over
              ? t('board.aDropped', {
                  name: String(active.data.current?.deal?.name ?? ''),
                  stage: stageName(String(over.id)),
                })
              : t('board.aCancelled'),
          onDragCancel: () => t('board.aCancelled'),
        },
        screenReaderInstructions: { draggable: t('board.instructions') },
      }}
    >
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" role="list" aria-label={t('board.label')}>
          {pipeline.stages.map((s) => (
            <StageColumn
              key={s.id}
              stageId={s.id}
              name={nameOf(s, locale)}
              probability={s.probability}
              cards={columns[s.id] ?? []}
              currency={currency}
              total={totals[s.id] ?? { count: 0, amount: null, unconverted: 0 }}
              canMove={canMove}
              pipeline={pipeline}
              onMove={onMove}
            />
          ))}
        </Group>
      </ScrollArea>
      <DragOverlay>{dragging ? <DealCard deal={dragging} currency={currency} overlay /> : null}</DragOverlay>
    </DndContext>
  );
}

function StageColumn({
  stageId,
  name,
  probability,
  cards,
  currency,
  total,
  canMove,
  pipeline,
  onMove,
}: {
  pipeline: Pipeline;
  onMove: (dealId: string, toStage: string) => void;
  stageId: string;
  name: string;
  probability?: number | null;
  cards: RecordBase[];
  currency: string;
  total: StageTotal;
  canMove: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { setNodeRef, isOver } = useDroppable({ id: stageId });
  const partial = total.partial;
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      w={272}
      miw={272}
      bg={isOver ? 'blue.0' : 'gray.0'}
      role="listitem"
      aria-label={t('board.columnLabel', { stage: name, count: total.count })}
      data-testid={`stage-${stageId}`}
      data-over={isOver}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm" truncate>
            {name}
          </Text>
          <Badge variant="light" size="sm" color="gray" data-testid={`stage-count-${stageId}`}>
            {total.count}
            {partial ? '+' : ''}
          </Badge>
        </Group>
        <Group justify="space-between" gap={4}>
          {total.amount && (
            <Text size="sm" fw={600} data-testid={`stage-total-${stageId}`}>
              {formatMoney(total.amount, locale)}
              {partial ? '+' : ''}
            </Text>
          )}
          {typeof probability === 'number' && (
            <Text size="xs" c="dimmed">
              {t('board.probability', { value: probability })}
            </Text>
          )}
        </Group>
        {total.unconverted > 0 && (
          <Text size="xs" c="dimmed">
            {t('board.otherCurrencies', { count: total.unconverted })}
          </Text>
        )}
        {!partial && total.count > cards.length && (
          <Text size="xs" c="dimmed" data-testid={`stage-shown-${stageId}`}>
            {t('dealsBoard.shownOf', { shown: cards.length, count: total.count })}
          </Text>
        )}
        <Stack gap={6} mih={60}>
          {cards.map((c) => (
            <DraggableDeal
              key={c.id}
              deal={c}
              currency={currency}
              disabled={!canMove}
              menu={
                canMove ? (
                  <MoveToStage deal={c} stageId={stageId} pipeline={pipeline} onMove={onMove} />
                ) : null
              }
            />
          ))}
          {cards.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="md">
              {t('board.emptyColumn')}
            </Text>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function DraggableDeal({
  deal,
  currency,
  disabled,
  menu,
}: {
  deal: RecordBase;
  currency: string;
  disabled: boolean;
  menu: React.ReactNode;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: deal.id,
    data: { deal, stageId: deal.stageId },
    disabled,
  });
  return (
    <Box
      ref={setNodeRef}
      {...attributes}
      // A group, not dnd-kit's default "button": the card holds a link and the stage menu, and
      // a button may not contain other controls. It stays focusable and draggable from the keyboard.
      role="group"
      aria-label={String(deal.name ?? '')}
      {...listeners}
      style={{ opacity: isDragging ? 0.4 : 1, touchAction: 'manipulation' }}
      data-testid="deal-card"
      data-deal-id={deal.id}
    >
      <DealCard deal={deal} currency={currency} menu={menu} />
    </Box>
  );
}

/**
 * The card's "Move to stage…" button and its list of stages. Its keys and pointer presses stay
 * with the menu: the card around it would otherwise take Space/Enter as "lift the card".
 */
function MoveToStage({
  deal,
  stageId,
  pipeline,
  onMove,
}: {
  deal: RecordBase;
  stageId: string;
  pipeline: Pipeline;
  onMove: (dealId: string, toStage: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stop = (e: React.SyntheticEvent) => e.stopPropagation();
  return (
    <Box onKeyDown={stop} onPointerDown={stop} onTouchStart={stop} style={{ flex: 'none' }}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('dealsBoard.moveToLabel', { name: String(deal.name ?? '') })}
            title={t('dealsBoard.moveTo')}
          >
            <IconArrowsRightLeft size={14} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('dealsBoard.moveTo')}</Menu.Label>
          {pipeline.stages.map((s) => (
            <Menu.Item key={s.id} disabled={s.id === stageId} onClick={() => onMove(deal.id, s.id)}>
              {s.id === stageId
                ? t('dealsBoard.currentStage', { stage: nameOf(s, locale) })
                : nameOf(s, locale)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Box>
  );
}

function DealCard({
  deal,
  currency,
  overlay,
  menu,
}: {
  deal: RecordBase;
  currency: string;
  overlay?: boolean;
  menu?: React.ReactNode;
}) {
  const locale = useLocale();
  const amount = deal.amount as Money | null;
  return (
    <Paper
      withBorder
      radius="sm"
      p="xs"
      shadow={overlay ? 'lg' : 'xs'}
      style={{ cursor: 'grab' }}
      data-drag-overlay={overlay || undefined}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text
          size="sm"
          fw={500}
          component={Link}
          to={`/deals/${deal.id}`}
          style={{ color: 'inherit', textDecoration: 'none', minWidth: 0, overflowWrap: 'anywhere' }}
        >
          {String(deal.name ?? '')}
        </Text>
        {menu}
      </Group>
      <Group justify="space-between" gap={4} mt={2}>
        <Text size="xs" fw={600} c={amount && amount.currency !== currency ? 'dimmed' : undefined}>
          {formatMoney(amount, locale)}
        </Text>
        {typeof deal.closeDate === 'string' && (
          <Text size="xs" c="dimmed">
            {formatDate(deal.closeDate, locale)}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
