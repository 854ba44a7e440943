// Saved views: pick one (the built-in ones like "My open deals" included), save the current
// filters/sort/columns as a new view (private or shared), update or delete your own.
import type { SavedView } from '@rapport/contracts/apiTypes';
import { Button, Checkbox, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { viewsApi, viewsKey } from '../../../api/catalog';
import { FormErrorAlert, fieldErrorsOf } from '../../../components/FormErrors';
import { useErrorMessage } from '../../../components/States';
import { useLocale } from '../../../components/useLocale';
import { localized } from '../../../i18n/format';
import type { ListState } from './useListState';

export function ViewsMenu({
  object,
  views,
  state,
  onChoose,
  onSaved,
}: {
  object: string;
  views: SavedView[];
  state: ListState;
  onChoose: (id: string | null) => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const current = state.view;
  const locale = useLocale();
  const viewName = (v: SavedView) => (v.label ? localized(v.label, locale) : v.name);
  const mine = current && !current.builtIn && current.ownerId === me.data?.user.id;

  const update = async () => {
    if (!current) return;
    try {
      await viewsApi.update(current.id, { filters: state.filters, sort: state.sort, columns: state.columns });
      await client.invalidateQueries({ queryKey: viewsKey(object) });
      onSaved(current.id);
      notifications.show({ color: 'green', message: t('views.updated', { name: current.name }) });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  const remove = async () => {
    if (!current || !window.confirm(t('views.confirmDelete', { name: current.name }))) return;
    try {
      await viewsApi.remove(current.id);
      await client.invalidateQueries({ queryKey: viewsKey(object) });
      onChoose(null);
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            rightSection={<IconChevronDown size={14} />}
            // The visible view name comes first in the name (WCAG 2.5.3, label in name).
            aria-label={`${current ? viewName(current) : t('views.all')}${state.modified ? ' *' : ''} · ${t('views.choose')}`}
          >
            {current ? viewName(current) : t('views.all')}
            {state.modified ? ' *' : ''}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onChoose(null)}>{t('views.all')}</Menu.Item>
          {views.length > 0 && <Menu.Divider />}
          {views.map((v) => (
            <Menu.Item key={v.id} onClick={() => onChoose(v.id)} fw={v.id === current?.id ? 600 : undefined}>
              {viewName(v)}
              {v.shared ? ` · ${t('views.sharedTag')}` : ''}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setSaving(true)}>
            {t('views.saveAs')}
          </Menu.Item>
          {mine && state.modified && (
            <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={update}>
              {t('views.update', { name: current!.name })}
            </Menu.Item>
          )}
          {mine && (
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={remove}>
              {t('views.delete')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {saving && (
        <SaveViewModal
          object={object}
          state={state}
          onClose={() => setSaving(false)}
          onSaved={(id) => {
            setSaving(false);
            onSaved(id);
          }}
        />
      )}
    </>
  );
}

function SaveViewModal({
  object,
  state,
  onClose,
  onSaved,
}: {
  object: string;
  state: ListState;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  return (
    <Modal opened onClose={onClose} title={t('views.saveAs')}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const v = await viewsApi.create({
              object,
              name: name.trim(),
              filters: state.filters,
              sort: state.sort,
              columns: state.columns,
              shared,
            });
            await client.invalidateQueries({ queryKey: viewsKey(object) });
            notifications.show({ color: 'green', message: t('views.saved', { name: v.name }) });
            onSaved(v.id);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <TextInput
            label={t('views.name')}
            required
            autoFocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Checkbox
            label={t('views.shareWithTeam')}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <FormErrorAlert error={error} shownFields={['name']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
