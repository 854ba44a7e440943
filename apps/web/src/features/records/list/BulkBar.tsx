// Shown while rows are selected: change a field on all of them, assign an owner, or delete.
import type { FieldMeta, ObjectMeta } from '@rapport/contracts/apiTypes';
import { Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconTrash, IconUserShare, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { recordsApi, recordsKey } from '../../../api/records';
import { FieldInput } from '../../../components/FieldInput';
import { UserSelect } from '../../../components/PipelineFields';
import { useErrorMessage } from '../../../components/States';
import { useLocale } from '../../../components/useLocale';
import { localized } from '../../../i18n/format';
import { can } from '../../../app/permissions';
import { bulkDelete, bulkUpdate } from './bulkActions';

const notBulk = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'version', 'ownerId']);

export function BulkBar({
  meta,
  selected,
  onClear,
}: {
  meta: ObjectMeta;
  selected: string[];
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [mode, setMode] = useState<'update' | 'assign' | null>(null);
  const [busy, setBusy] = useState(false);
  const n = selected.length;
  const canUpdate = can(me.data?.permissions, meta.name, 'update');
  const canDelete = can(me.data?.permissions, meta.name, 'delete');
  const hasOwner = meta.fields.some((f) => f.name === 'ownerId');

  const report = (
    r: { done: number; failed: number; firstError?: unknown },
    okKey: 'bulk.updated' | 'bulk.deleted',
  ) => {
    if (r.done) notifications.show({ color: 'green', message: t(okKey, { count: r.done }) });
    if (r.failed)
      notifications.show({
        color: 'red',
        autoClose: false,
        message: t('bulk.failed', { count: r.failed, reason: message(r.firstError) }),
      });
  };

  const runUpdate = async (patch: Record<string, unknown>) => {
    setBusy(true);
    const r = await bulkUpdate(meta.name, selected, patch);
    setBusy(false);
    report(r, 'bulk.updated');
    await client.invalidateQueries({ queryKey: recordsKey(meta.name) });
    if (!r.failed) {
      setMode(null);
      onClear();
    }
  };

  const runDelete = async () => {
    if (!window.confirm(t('bulk.confirmDelete', { count: n }))) return;
    setBusy(true);
    const r = await bulkDelete(meta.name, selected);
    setBusy(false);
    report(r, 'bulk.deleted');
    await client.invalidateQueries({ queryKey: recordsKey(meta.name) });
    onClear();
    if (r.deleted.length)
      notifications.show({
        message: (
          <Group gap="xs">
            <Text size="sm">{t('bulk.undoHint')}</Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={async () => {
                await Promise.allSettled(r.deleted.map((id) => recordsApi.restore(meta.name, id)));
                await client.invalidateQueries({ queryKey: recordsKey(meta.name) });
              }}
            >
              {t('common.undo')}
            </Button>
          </Group>
        ),
      });
  };

  return (
    <Paper withBorder p="xs" radius="md" bg="blue.0" role="region" aria-label={t('bulk.region')}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" fw={600} aria-live="polite">
          {t('bulk.selected', { count: n })}
        </Text>
        <Group gap="xs" wrap="wrap">
          {canUpdate && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconEdit size={14} />}
              onClick={() => setMode('update')}
              disabled={busy}
            >
              {t('bulk.update')}
            </Button>
          )}
          {canUpdate && hasOwner && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUserShare size={14} />}
              onClick={() => setMode('assign')}
              disabled={busy}
            >
              {t('bulk.assign')}
            </Button>
          )}
          {canDelete && (
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconTrash size={14} />}
              onClick={runDelete}
              loading={busy}
            >
              {t('bulk.delete')}
            </Button>
          )}
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('bulk.clear')}
          </Button>
        </Group>
      </Group>
      {mode === 'update' && (
        <UpdateModal
          meta={meta}
          count={n}
          busy={busy}
          onClose={() => setMode(null)}
          onApply={(f, v) => runUpdate({ [f]: v })}
        />
      )}
      {mode === 'assign' && (
        <AssignModal
          count={n}
          busy={busy}
          onClose={() => setMode(null)}
          onApply={(owner) => runUpdate({ ownerId: owner })}
        />
      )}
    </Paper>
  );
}

function UpdateModal({
  meta,
  count,
  busy,
  onClose,
  onApply,
}: {
  meta: ObjectMeta;
  count: number;
  busy: boolean;
  onClose: () => void;
  onApply: (field: string, value: unknown) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const fields = meta.fields.filter((f) => !f.readOnly && !f.hidden && !notBulk.has(f.name) && !f.unique);
  const [name, setName] = useState<string | null>(fields[0]?.name ?? null);
  const [value, setValue] = useState<unknown>(null);
  const field: FieldMeta | undefined = fields.find((f) => f.name === name);
  return (
    <Modal opened onClose={onClose} title={t('bulk.updateTitle', { count })}>
      <Stack>
        <Select
          label={t('bulk.field')}
          data={fields.map((f) => ({ value: f.name, label: localized(f.label, locale) }))}
          value={name}
          searchable
          allowDeselect={false}
          onChange={(v) => {
            setName(v);
            setValue(null);
          }}
        />
        {field && (
          <FieldInput
            field={field}
            label={t('bulk.newValue')}
            value={value}
            onChange={setValue}
            defaultCurrency={me.data?.workspace.currency}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} disabled={!field} onClick={() => field && onApply(field.name, value)}>
            {t('bulk.applyToCount', { count })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AssignModal({
  count,
  busy,
  onClose,
  onApply,
}: {
  count: number;
  busy: boolean;
  onClose: () => void;
  onApply: (owner: string) => void;
}) {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('bulk.assignTitle', { count })}>
      <Stack>
        <UserSelect label={t('fields.owner')} value={owner} onChange={setOwner} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} disabled={!owner} onClick={() => owner && onApply(owner)}>
            {t('bulk.applyToCount', { count })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
