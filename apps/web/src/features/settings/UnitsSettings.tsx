// Business units (subsidiaries): each with its own currency, above teams.
import { Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type UnitSummary, useUnits } from '../../api/catalog';
import { api } from '../../api/client';
import { currencies } from '../../components/FieldInput';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { UnitSelect } from '../../components/PipelineFields';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { QueryContent, SettingsPanel, useListAction } from './SettingsPanel';

export function UnitsSettings() {
  const { t } = useTranslation();
  const units = useUnits();
  const [editing, setEditing] = useState<UnitSummary | 'new' | null>(null);
  const run = useListAction('units');
  const remove = (u: UnitSummary) => {
    if (!window.confirm(t('settings.confirmDelete', { name: u.name }))) return;
    void run(() => api.delete(`/api/v1/business-units/${u.id}`));
  };
  return (
    <SettingsPanel
      title={t('settings.sections.units')}
      hint={t('settings.units.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('settings.units.add')}
        </Button>
      }
    >
      <QueryContent
        query={units}
        empty={{ title: t('settings.units.empty'), hint: t('settings.units.emptyHint') }}
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.name')}</Table.Th>
                  <Table.Th>{t('setup.currency')}</Table.Th>
                  <Table.Th>{t('settings.units.parent')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.currency}</Table.Td>
                    <Table.Td>{rows.find((p) => p.id === u.parentId)?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(u)}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove(u)}>
                          {t('common.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryContent>
      {editing && <UnitModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </SettingsPanel>
  );
}

function UnitModal({ unit, onClose }: { unit: UnitSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: unit?.name ?? '',
    currency: unit?.currency ?? 'CNY',
    parentId: unit?.parentId ?? null,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={unit ? t('settings.units.edit', { name: unit.name }) : t('settings.units.add')}
    >
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            if (unit) await api.patch(`/api/v1/business-units/${unit.id}`, form);
            else await api.post('/api/v1/business-units', form);
            await client.invalidateQueries({ queryKey: ['units'] });
            onClose();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <TextInput
            label={t('settings.name')}
            required
            autoFocus
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
          />
          <Select
            label={t('setup.currency')}
            data={currencies}
            searchable
            allowDeselect={false}
            value={form.currency}
            onChange={(v) => v && setForm({ ...form, currency: v })}
            error={errors.currency}
          />
          <UnitSelect
            label={t('settings.units.parent')}
            value={form.parentId}
            onChange={(v) => setForm({ ...form, parentId: v })}
            error={errors.parentId}
          />
          <FormErrorAlert error={error} shownFields={['name', 'currency', 'parentId']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
