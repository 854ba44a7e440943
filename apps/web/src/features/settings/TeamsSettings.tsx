// Teams (with their manager and business unit): "team" scope in roles means these.
import { Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TeamSummary, useTeams, useUnits, useUsers } from '../../api/catalog';
import { api } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { UnitSelect, UserSelect } from '../../components/PipelineFields';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { QueryContent, SettingsPanel, useListAction } from './SettingsPanel';

export function TeamsSettings() {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useUsers();
  const units = useUnits();
  const [editing, setEditing] = useState<TeamSummary | 'new' | null>(null);
  const run = useListAction('teams');
  const remove = (team: TeamSummary) => {
    if (!window.confirm(t('settings.confirmDelete', { name: team.name }))) return;
    void run(() => api.delete(`/api/v1/teams/${team.id}`));
  };
  return (
    <SettingsPanel
      title={t('settings.sections.teams')}
      hint={t('settings.teams.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('settings.teams.add')}
        </Button>
      }
    >
      <QueryContent
        query={teams}
        empty={{ title: t('settings.teams.empty'), hint: t('settings.teams.emptyHint') }}
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.name')}</Table.Th>
                  <Table.Th>{t('settings.teams.manager')}</Table.Th>
                  <Table.Th>{t('settings.users.unit')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((team) => (
                  <Table.Tr key={team.id}>
                    <Table.Td>{team.name}</Table.Td>
                    <Table.Td>{users.data?.find((u) => u.id === team.managerId)?.name ?? '—'}</Table.Td>
                    <Table.Td>{units.data?.find((u) => u.id === team.unitId)?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(team)}>
                          {t('common.edit')}
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => remove(team)}>
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
      {editing && <TeamModal team={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </SettingsPanel>
  );
}

function TeamModal({ team, onClose }: { team: TeamSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: team?.name ?? '',
    managerId: team?.managerId ?? null,
    unitId: team?.unitId ?? null,
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  return (
    <Modal
      opened
      onClose={onClose}
      title={team ? t('settings.teams.edit', { name: team.name }) : t('settings.teams.add')}
    >
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            if (team) await api.patch(`/api/v1/teams/${team.id}`, form);
            else await api.post('/api/v1/teams', form);
            await client.invalidateQueries({ queryKey: ['teams'] });
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
          <UserSelect
            label={t('settings.teams.manager')}
            value={form.managerId}
            onChange={(v) => setForm({ ...form, managerId: v })}
            error={errors.managerId}
          />
          <UnitSelect
            label={t('settings.users.unit')}
            value={form.unitId}
            onChange={(v) => setForm({ ...form, unitId: v })}
            error={errors.unitId}
          />
          <FormErrorAlert error={error} shownFields={['name', 'managerId', 'unitId']} />
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
