// Conditions of a workflow trigger or an approval process's entry criteria, edited in place: the
// same field / operator / value rows as the list filter builder (its operators per field type), but
// every row shows the server's error for its own field, operator or value (`trigger.when.0.value`),
// and nothing is applied or dropped until the whole form is saved. Besides the rows (all must
// hold), a list may have "any of" groups — the server's `{ or: [...] }` — each with its own rows.
import type { FieldMeta, Filter, FilterOp, ObjectMeta } from '@rapport/contracts/apiTypes';
import { ActionIcon, Button, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePipelines, useUsers } from '../../api/catalog';
import { useLocale } from '../../components/useLocale';
import { localized, nameOf } from '../../i18n/format';
import { filterableFields } from '../records/filters/FilterBuilder';
import { needsNoValue, opsFor } from '../records/filters/filterModel';

/** A condition being edited: lists (in, nin, between) are typed as "a, b" and split when saved. */
export interface DraftCondition {
  field: string;
  op: FilterOp;
  value: string;
}

const listOps = new Set<FilterOp>(['in', 'nin', 'between']);

type ServerCondition = { field: string; op: FilterOp; value?: unknown };

const rowOf = (c: ServerCondition): DraftCondition => {
  const v = c.value;
  return {
    field: c.field,
    op: c.op,
    value: Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v),
  };
};

/**
 * What the server sent, as rows to edit: plain conditions (all must hold) and "any of" groups
 * (`{ or: [...] }`, one of which must hold), each group its own list of rows.
 */
export function toDraft(filters: unknown[] | undefined): {
  rows: DraftCondition[];
  groups: DraftCondition[][];
} {
  const rows: DraftCondition[] = [];
  const groups: DraftCondition[][] = [];
  for (const f of filters ?? []) {
    if (f && typeof f === 'object' && 'or' in f && Array.isArray((f as { or: unknown }).or))
      groups.push((f as { or: ServerCondition[] }).or.map(rowOf));
    else rows.push(rowOf(f as ServerCondition));
  }
  return { rows, groups };
}

/** The API's form of the rows: lists split, numbers as numbers, booleans as booleans. */
export function fromDraft(rows: DraftCondition[], fields: FieldMeta[]): Filter[] {
  return rows.map((r) => {
    if (needsNoValue(r.op)) return { field: r.field, op: r.op };
    const f = fields.find((x) => x.name === r.field);
    const one = (s: string): unknown => {
      const t = s.trim();
      if (f?.type === 'number' && t !== '' && !t.startsWith('@') && Number.isFinite(Number(t)))
        return Number(t);
      if (f?.type === 'boolean') return t === 'true' ? true : t === 'false' ? false : t;
      return t;
    };
    if (listOps.has(r.op))
      return {
        field: r.field,
        op: r.op,
        value: r.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(one),
      };
    return { field: r.field, op: r.op, value: one(r.value) };
  });
}

/**
 * The API's form of the whole list: the plain rows, then each "any of" group as `{ or: [...] }`
 * (the list is AND-ed, so the order does not change its meaning). A group emptied by the user is
 * left out rather than sent as an empty `or`, which the server refuses.
 */
export function listFromDraft(
  rows: DraftCondition[],
  groups: DraftCondition[][],
  fields: FieldMeta[],
): (Filter | { or: Filter[] })[] {
  return [
    ...fromDraft(rows, fields),
    ...groups.filter((g) => g.length > 0).map((g) => ({ or: fromDraft(g, fields) })),
  ];
}

/** Where the server's errors for group `g` point: groups are sent after the rows, empty ones dropped. */
export function groupPath(path: string, rows: DraftCondition[], groups: DraftCondition[][], g: number) {
  const before = groups.slice(0, g).filter((x) => x.length > 0).length;
  return `${path}.${rows.length + before}.or`;
}

/** The body paths of every control of a list, for the form's "other errors" summary. */
export function listPaths(path: string, rows: DraftCondition[], groups: DraftCondition[][]): string[] {
  const of = (p: string, rs: DraftCondition[]) =>
    rs.flatMap((_, i) => ['field', 'op', 'value'].map((k) => `${p}.${i}.${k}`));
  return [...of(path, rows), ...groups.flatMap((g, j) => of(groupPath(path, rows, groups, j), g))];
}

const firstRow = (fields: FieldMeta[]): DraftCondition | null => {
  const f = fields[0];
  return f ? { field: f.name, op: opsFor(f)[0]!, value: f.type === 'boolean' ? 'true' : '' } : null;
};

/** The fields conditions may name; a stage.changed trigger adds the stages moved from and to. */
export function conditionFields(meta: ObjectMeta | undefined, withStageMoves = false): FieldMeta[] {
  if (!meta) return [];
  const fields = filterableFields(meta);
  const stage = meta.fields.find((f) => f.name === 'stageId');
  if (!withStageMoves || !stage) return fields;
  return [
    ...fields,
    { ...stage, name: 'toStageId', label: { en: 'Moved to stage', 'zh-CN': '移入阶段' } },
    { ...stage, name: 'fromStageId', label: { en: 'Moved from stage', 'zh-CN': '移出阶段' } },
  ];
}

export function ConditionRows({
  label,
  fields,
  rows,
  onChange,
  path,
  errors,
  groups,
  onGroupsChange,
  addLabel,
  emptyText,
}: {
  /** Names the group for screen readers and prefixes each control's label ("When: field 1"). */
  label: string;
  fields: FieldMeta[];
  rows: DraftCondition[];
  onChange: (rows: DraftCondition[]) => void;
  /** The body path of this list, e.g. "trigger.when", for the server's field errors. */
  path: string;
  errors: Record<string, string>;
  /** "Any of" groups of this list; without onGroupsChange none can be added here. */
  groups?: DraftCondition[][];
  onGroupsChange?: (groups: DraftCondition[][]) => void;
  /** The add button's name, when "Add condition" would be ambiguous (inside a group). */
  addLabel?: string;
  /** Said when there is no row (and no group). */
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fieldOptions = fields.map((f) => ({ value: f.name, label: localized(f.label, locale) }));
  // A condition on a field this object no longer has still shows (and the server says why).
  const withUnknown = (name: string) =>
    fieldOptions.some((o) => o.value === name)
      ? fieldOptions
      : [...fieldOptions, { value: name, label: name }];
  const update = (i: number, patch: Partial<DraftCondition>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const gs = groups ?? [];
  const setGroup = (g: number, next: DraftCondition[]) =>
    onGroupsChange?.(gs.map((x, j) => (j === g ? next : x)));

  return (
    <Stack gap={6} role="group" aria-label={label}>
      {rows.length === 0 && gs.length === 0 && (
        <Text size="sm" c="dimmed">
          {emptyText ?? t('automation.builder.noConditions')}
        </Text>
      )}
      {rows.map((r, i) => {
        const n = i + 1;
        const field = fields.find((f) => f.name === r.field);
        const ops = field ? opsFor(field) : [r.op];
        const p = `${path}.${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their position
          <Group key={i} gap={6} wrap="wrap" align="flex-start">
            <Select
              aria-label={t('automation.builder.conditionField', { label, n })}
              data={withUnknown(r.field)}
              value={r.field}
              searchable
              allowDeselect={false}
              w={180}
              size="xs"
              error={errors[`${p}.field`]}
              onChange={(name) => {
                const nf = fields.find((x) => x.name === name);
                if (nf)
                  update(i, {
                    field: nf.name,
                    op: opsFor(nf)[0]!,
                    value: nf.type === 'boolean' ? 'true' : '',
                  });
              }}
              comboboxProps={{ withinPortal: false }}
            />
            <Select
              aria-label={t('automation.builder.conditionOp', { label, n })}
              data={ops.map((op) => ({ value: op, label: t(`filters.ops.${op}`) }))}
              value={r.op}
              allowDeselect={false}
              w={150}
              size="xs"
              error={errors[`${p}.op`]}
              onChange={(op) => op && update(i, { op: op as FilterOp })}
              comboboxProps={{ withinPortal: false }}
            />
            {!needsNoValue(r.op) && (
              <ConditionValue
                field={field}
                row={r}
                label={t('automation.builder.conditionValue', { label, n })}
                error={errors[`${p}.value`] ?? errors[`${p}.value.0`] ?? errors[`${p}.value.1`]}
                onChange={(value) => update(i, { value })}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('automation.builder.removeCondition', { label, n })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              mt={2}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {gs.map((g, j) => {
        const groupLabel = t('automation.builder.anyGroup', { label, n: j + 1 });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity but their position
          <Paper key={j} withBorder radius="sm" p="xs" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap={6}>
              <Stack gap={4} style={{ flex: 1 }}>
                <Text size="xs" fw={600}>
                  {t('automation.builder.anyGroupTitle')}
                </Text>
                <ConditionRows
                  label={groupLabel}
                  fields={fields}
                  rows={g}
                  onChange={(next) => setGroup(j, next)}
                  path={groupPath(path, rows, gs, j)}
                  errors={errors}
                  addLabel={t('automation.builder.addToGroup', { label: groupLabel })}
                  emptyText={t('automation.builder.emptyGroup')}
                />
              </Stack>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('automation.builder.removeGroup', { label: groupLabel })}
                onClick={() => onGroupsChange?.(gs.filter((_, k) => k !== j))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        );
      })}
      <Group gap="xs">
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconPlus size={14} />}
          disabled={!fields.length}
          onClick={() => {
            const r = firstRow(fields);
            if (r) onChange([...rows, r]);
          }}
        >
          {addLabel ?? t('automation.builder.addCondition', { label })}
        </Button>
        {onGroupsChange && (
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconPlus size={14} />}
            disabled={!fields.length || rows.length + gs.length >= 20}
            onClick={() => {
              const r = firstRow(fields);
              if (r) onGroupsChange([...gs, [r]]);
            }}
          >
            {t('automation.builder.addAnyGroup', { label })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ConditionValue({
  field,
  row,
  label,
  error,
  onChange,
}: {
  field: FieldMeta | undefined;
  row: DraftCondition;
  label: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const pipelines = usePipelines();
  const users = useUsers();
  if (field?.type === 'boolean')
    return (
      <Select
        aria-label={label}
        data={[
          { value: 'true', label: t('automation.builder.yes') },
          { value: 'false', label: t('automation.builder.no') },
        ]}
        value={row.value || 'true'}
        allowDeselect={false}
        w={110}
        size="xs"
        error={error}
        onChange={(v) => v && onChange(v)}
        comboboxProps={{ withinPortal: false }}
      />
    );
  // Stages and users are picked by name (the condition holds their ids); other relations take an id.
  const related =
    field?.type === 'relation' && !listOps.has(row.op)
      ? field.relation?.object === 'pipelineStages'
        ? (pipelines.data ?? []).flatMap((p) =>
            p.stages.map((st) => ({ value: st.id, label: `${nameOf(p, locale)} · ${nameOf(st, locale)}` })),
          )
        : field.relation?.object === 'users'
          ? (users.data ?? []).map((u) => ({ value: u.id, label: u.name }))
          : null
      : null;
  if (related)
    return (
      <Select
        aria-label={label}
        data={
          row.value && !related.some((o) => o.value === row.value)
            ? [...related, { value: row.value, label: row.value }]
            : related
        }
        value={row.value || null}
        searchable
        w={240}
        size="xs"
        error={error}
        onChange={(v) => onChange(v ?? '')}
        comboboxProps={{ withinPortal: false }}
      />
    );
  const options = field?.options?.map((o) => ({ value: o.value, label: localized(o.label, locale) }));
  if (options?.length && (row.op === 'in' || row.op === 'nin'))
    return (
      <MultiSelect
        aria-label={label}
        data={options}
        value={row.value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)}
        w={240}
        size="xs"
        error={error}
        onChange={(v) => onChange(v.join(', '))}
        comboboxProps={{ withinPortal: false }}
      />
    );
  return (
    <TextInput
      aria-label={label}
      value={row.value}
      placeholder={listOps.has(row.op) ? t('automation.builder.listHint') : undefined}
      w={180}
      size="xs"
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
