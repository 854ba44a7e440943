// /settings/objects/:object — the fields of one object. Admins add custom fields of any type
// (labels in both languages, options for choice fields, required/unique/indexed, the target of a
// relation), relabel them, and retire custom ones; standard fields cannot be retired.
import type { FieldMeta } from '@rapport/contracts/apiTypes';
import { fieldTypes } from '@rapport/contracts/apiTypes';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { schemaApi, schemaKey, useObjectMeta, useSchema } from '../../api/schema';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { apiNameOf } from './ObjectsSettings';
import { SettingsPanel } from './SettingsPanel';

const choiceTypes = new Set(['select', 'multiSelect']);

export function FieldsSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { object = '' } = useParams();
  const { meta, isPending, isError, error, refetch } = useObjectMeta(object);
  const client = useQueryClient();
  const message = useErrorMessage();
  const [editing, setEditing] = useState<FieldMeta | 'new' | null>(null);
  if (isPending) return <LoadingState />;
  if (isError) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!meta) return <ErrorState notFound />;
  const retire = async (f: FieldMeta) => {
    if (!window.confirm(t('settings.fields.confirmRetire', { name: localized(f.label, locale) }))) return;
    try {
      await schemaApi.retireField(object, f.name);
      await client.invalidateQueries({ queryKey: schemaKey });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    }
  };
  return (
    <SettingsPanel
      title={t('settings.fields.title', { name: localized(meta.pluralLabel ?? meta.label, locale) })}
      hint={t('settings.fields.hint')}
      actions={
        <Group>
          <Anchor component={Link} to="/settings/objects" size="sm">
            {t('settings.sections.objects')}
          </Anchor>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('settings.fields.add')}
          </Button>
        </Group>
      }
    >
      <Table.ScrollContainer minWidth={560}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.fields.label')}</Table.Th>
              <Table.Th>{t('settings.objects.apiName')}</Table.Th>
              <Table.Th>{t('settings.fields.type')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meta.fields.map((f) => (
              <Table.Tr key={f.name}>
                <Table.Td>
                  <Group gap={6}>
                    {localized(f.label, locale)}
                    {f.required && (
                      <Badge size="xs" variant="outline">
                        {t('settings.fields.required')}
                      </Badge>
                    )}
                    {f.custom && (
                      <Badge size="xs" variant="light">
                        {t('settings.custom')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <code>{f.name}</code>
                </Table.Td>
                <Table.Td>
                  {(fieldTypes as readonly string[]).includes(f.type)
                    ? t(`settings.fields.types.${f.type as 'text'}`)
                    : f.type}
                </Table.Td>
                <Table.Td>
                  {f.custom && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(f)}>
                        {t('common.edit')}
                      </Button>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.fields.retire', { name: localized(f.label, locale) })}
                        onClick={() => retire(f)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <FieldModal
          object={object}
          field={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </SettingsPanel>
  );
}

interface OptionRow {
  value: string;
  en: string;
  zh: string;
}

function FieldModal({
  object,
  field,
  onClose,
}: {
  object: string;
  field: FieldMeta | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const schema = useSchema();
  const label = (l: FieldMeta['label'], k: 'en' | 'zh-CN') => (typeof l === 'string' ? l : (l?.[k] ?? ''));
  const [f, setF] = useState({
    name: field?.name ?? '',
    type: (field?.type as string) ?? 'text',
    en: field ? label(field.label, 'en') : '',
    zh: field ? label(field.label, 'zh-CN') : '',
    required: field?.required ?? false,
    unique: field?.unique ?? false,
    indexed: field?.indexed ?? false,
    relation: field?.relation?.object ?? null,
  });
  const [opts, setOpts] = useState<OptionRow[]>(
    (field?.options ?? []).map((o) => ({
      value: o.value,
      en: typeof o.label === 'string' ? o.label : (o.label.en ?? ''),
      zh: typeof o.label === 'string' ? o.label : (o.label['zh-CN'] ?? ''),
    })),
  );
  const [nameTouched, setNameTouched] = useState(Boolean(field));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const name = nameTouched ? f.name : apiNameOf(f.en);
  const isChoice = choiceTypes.has(f.type);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      label: { en: f.en, 'zh-CN': f.zh || f.en },
      required: f.required,
      ...(isChoice
        ? {
            options: opts.map((o) => ({
              value: o.value || apiNameOf(o.en) || o.en,
              label: { en: o.en, 'zh-CN': o.zh || o.en },
            })),
          }
        : {}),
    };
    try {
      if (field) await schemaApi.editField(object, field.name, body as never);
      else
        await schemaApi.addField(object, {
          ...body,
          name,
          type: f.type,
          unique: f.unique,
          indexed: f.indexed,
          ...(f.type === 'relation' && f.relation ? { relation: { object: f.relation } } : {}),
        } as never);
      await client.invalidateQueries({ queryKey: schemaKey });
      notifications.show({ color: 'green', message: t('settings.saved') });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={field ? t('settings.fields.edit') : t('settings.fields.add')}
      size="lg"
    >
      <form noValidate onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('settings.labelEn')}
              required
              autoFocus
              value={f.en}
              onChange={(e) => setF({ ...f, en: e.currentTarget.value })}
              error={errors['label.en'] ?? errors.label}
            />
            <TextInput
              label={t('settings.labelZh')}
              value={f.zh}
              onChange={(e) => setF({ ...f, zh: e.currentTarget.value })}
              error={errors['label.zh-CN']}
            />
            <TextInput
              label={t('settings.objects.apiName')}
              required
              disabled={Boolean(field)}
              value={name}
              onChange={(e) => {
                setNameTouched(true);
                setF({ ...f, name: e.currentTarget.value });
              }}
              error={errors.name}
            />
            <Select
              label={t('settings.fields.type')}
              disabled={Boolean(field)}
              data={fieldTypes.map((ty) => ({ value: ty, label: t(`settings.fields.types.${ty}`) }))}
              value={f.type}
              allowDeselect={false}
              onChange={(v) => v && setF({ ...f, type: v })}
              error={errors.type}
            />
          </SimpleGrid>
          {f.type === 'relation' && !field && (
            <Select
              label={t('settings.fields.relationTo')}
              required
              data={(schema.data ?? []).map((o) => ({ value: o.name, label: localized(o.label, locale) }))}
              value={f.relation}
              onChange={(v) => setF({ ...f, relation: v })}
              error={errors['relation.object'] ?? errors.relation}
            />
          )}
          {isChoice && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('settings.fields.options')}
              </Text>
              {opts.map((o, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place by position
                <Group key={i} gap={4} wrap="nowrap">
                  <TextInput
                    size="xs"
                    aria-label={t('settings.fields.optionEn', { n: i + 1 })}
                    placeholder="English"
                    value={o.en}
                    onChange={(e) =>
                      setOpts(opts.map((x, j) => (j === i ? { ...x, en: e.currentTarget.value } : x)))
                    }
                    style={{ flex: 1 }}
                    error={errors[`options.${i}.label.en`] ?? errors[`options.${i}.value`]}
                  />
                  <TextInput
                    size="xs"
                    aria-label={t('settings.fields.optionZh', { n: i + 1 })}
                    placeholder="中文"
                    value={o.zh}
                    onChange={(e) =>
                      setOpts(opts.map((x, j) => (j === i ? { ...x, zh: e.currentTarget.value } : x)))
                    }
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('common.remove')}
                    onClick={() => setOpts(opts.filter((_, j) => j !== i))}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPlus size={12} />}
                onClick={() => setOpts([...opts, { value: '', en: '', zh: '' }])}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('settings.fields.addOption')}
              </Button>
              {errors.options && (
                <Text size="xs" c="red">
                  {errors.options}
                </Text>
              )}
            </Stack>
          )}
          <Group>
            <Checkbox
              label={t('settings.fields.required')}
              checked={f.required}
              onChange={(e) => setF({ ...f, required: e.currentTarget.checked })}
            />
            {!field && (
              <Checkbox
                label={t('settings.fields.unique')}
                checked={f.unique}
                onChange={(e) => setF({ ...f, unique: e.currentTarget.checked })}
              />
            )}
            {!field && (
              <Checkbox
                label={t('settings.fields.indexed')}
                description={t('settings.fields.indexedHint')}
                checked={f.indexed}
                onChange={(e) => setF({ ...f, indexed: e.currentTarget.checked })}
              />
            )}
          </Group>
          <FormErrorAlert
            error={error}
            shownFields={[
              'name',
              'type',
              'label',
              'label.en',
              'label.zh-CN',
              'relation',
              'relation.object',
              'options',
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!f.en || !name}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
