// Objects: the standard ones and the admin's own (custom objects), each with a link to its fields.
import { Anchor, Badge, Button, Group, Modal, SimpleGrid, Stack, Table, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { schemaApi, schemaKey, useSchema } from '../../api/schema';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { ErrorState, LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { SettingsPanel } from './SettingsPanel';

/** "Project milestones" → "projectMilestones": an api name a newcomer would guess. */
export function apiNameOf(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^\w\s]/g, ' ')
    .trim()
    .split(/[\s_]+/)
    .filter((w) => /^[a-zA-Z0-9]+$/.test(w));
  const name = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[a-z]/.test(name) ? name.slice(0, 63) : '';
}

export function ObjectsSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const [creating, setCreating] = useState(false);
  return (
    <SettingsPanel
      title={t('settings.sections.objects')}
      hint={t('settings.objects.hint')}
      actions={
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('settings.objects.add')}
        </Button>
      }
    >
      {schema.isPending ? (
        <LoadingState />
      ) : schema.isError ? (
        <ErrorState error={schema.error} onRetry={() => schema.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.objects.object')}</Table.Th>
                <Table.Th>{t('settings.objects.apiName')}</Table.Th>
                <Table.Th>{t('settings.objects.fields')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schema.data.map((o) => (
                <Table.Tr key={o.name}>
                  <Table.Td>
                    <Group gap="xs">
                      {localized(o.pluralLabel ?? o.label, locale)}
                      {o.custom && (
                        <Badge size="xs" variant="light">
                          {t('settings.custom')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <code>{o.name}</code>
                  </Table.Td>
                  <Table.Td>{o.fields.length}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/settings/objects/${o.name}`} size="sm">
                      {t('settings.objects.editFields')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <NewObjectModal onClose={() => setCreating(false)} />}
    </SettingsPanel>
  );
}

function NewObjectModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [f, setF] = useState({ name: '', en: '', zh: '', pluralEn: '', pluralZh: '' });
  const [nameTouched, setNameTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const name = nameTouched ? f.name : apiNameOf(f.pluralEn || f.en);
  return (
    <Modal opened onClose={onClose} title={t('settings.objects.add')}>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            await schemaApi.createObject({
              name,
              label: { en: f.en, 'zh-CN': f.zh || f.en },
              pluralLabel: { en: f.pluralEn || f.en, 'zh-CN': f.pluralZh || f.zh || f.en },
            });
            await client.invalidateQueries({ queryKey: schemaKey });
            onClose();
            navigate(`/settings/objects/${name}`);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput
              label={t('settings.objects.singularEn')}
              required
              autoFocus
              value={f.en}
              onChange={(e) => setF({ ...f, en: e.currentTarget.value })}
              error={errors['label.en'] ?? errors.label}
            />
            <TextInput
              label={t('settings.objects.singularZh')}
              value={f.zh}
              onChange={(e) => setF({ ...f, zh: e.currentTarget.value })}
              error={errors['label.zh-CN']}
            />
            <TextInput
              label={t('settings.objects.pluralEn')}
              value={f.pluralEn}
              onChange={(e) => setF({ ...f, pluralEn: e.currentTarget.value })}
              error={errors['pluralLabel.en']}
            />
            <TextInput
              label={t('settings.objects.pluralZh')}
              value={f.pluralZh}
              onChange={(e) => setF({ ...f, pluralZh: e.currentTarget.value })}
              error={errors['pluralLabel.zh-CN']}
            />
          </SimpleGrid>
          <TextInput
            label={t('settings.objects.apiName')}
            description={t('settings.objects.apiNameHint')}
            required
            value={name}
            onChange={(e) => {
              setNameTouched(true);
              setF({ ...f, name: e.currentTarget.value });
            }}
            error={errors.name}
          />
          <FormErrorAlert
            error={error}
            shownFields={['name', 'label', 'label.en', 'label.zh-CN', 'pluralLabel.en', 'pluralLabel.zh-CN']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!f.en || !name}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
