// Create a record of any object. It asks for the required and key fields first ("More fields"
// shows the rest); on a refusal every typed value stays and each message sits under its field.
import type { FieldMeta, ObjectMeta } from '@rapport/contracts/apiTypes';
import { Button, Group, Modal, SimpleGrid, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { usePipelines } from '../../api/catalog';
import { recordsApi, recordsKey } from '../../api/records';
import { useObjectMeta } from '../../api/schema';
import { FieldInput } from '../../components/FieldInput';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { LoadingState } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { defaultColumns } from './list/defaultColumns';

const never = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'version', 'object', 'ownerId']);

export function creatableFields(meta: ObjectMeta): FieldMeta[] {
  return meta.fields.filter((f) => !f.readOnly && !f.hidden && !never.has(f.name));
}

export function NewRecordModal({
  object,
  initial,
  onClose,
}: {
  object: string;
  initial?: Record<string, unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { meta, isPending } = useObjectMeta(object);
  const locale = useLocale();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Modal
      opened
      onClose={onClose}
      title={meta ? t('record.newTitle', { name: localized(meta.label, locale) }) : ''}
      size="lg"
      fullScreen={phone}
    >
      {isPending || !meta ? (
        <LoadingState />
      ) : (
        <NewRecordForm meta={meta} initial={initial} onClose={onClose} />
      )}
    </Modal>
  );
}

export function NewRecordForm({
  meta,
  initial,
  onClose,
  save = recordsApi.create,
}: {
  meta: ObjectMeta;
  initial?: Record<string, unknown>;
  onClose: () => void;
  save?: typeof recordsApi.create;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const pipelines = usePipelines();
  const all = creatableFields(meta);
  const key = new Set([...defaultColumns(meta), ...Object.keys(initial ?? {})]);
  const [showAll, setShowAll] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>(() => {
    const v: Record<string, unknown> = { ...initial };
    if (meta.name === 'deals') {
      const p = pipelines.data?.find((x) => x.isDefault) ?? pipelines.data?.[0];
      if (p && !v.pipelineId) v.pipelineId = p.id;
      if (p && !v.stageId) v.stageId = p.stages[0]?.id;
    }
    return v;
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const shown = all.filter(
    (f) =>
      showAll ||
      f.required ||
      key.has(f.name) ||
      errors[f.name] ||
      (meta.name === 'deals' && (f.name === 'pipelineId' || f.name === 'stageId')),
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = Object.fromEntries(
        Object.entries(values).filter(
          ([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && !v.length),
        ),
      );
      const created = await save(meta.name, body);
      await client.invalidateQueries({ queryKey: recordsKey(meta.name) });
      notifications.show({
        color: 'green',
        message: t('record.created', { name: localized(meta.label, locale) }),
      });
      onClose();
      navigate(`/${meta.name}/${created.id}`);
    } catch (err) {
      setError(err);
      // A field the server complains about may be in "more fields": show them all.
      if (Object.keys(fieldErrorsOf(err)).some((f) => !shown.some((s) => s.name === f))) setShowAll(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {shown.map((f, i) => (
            <FieldInput
              key={f.name}
              field={f}
              label={localized(f.label, locale)}
              value={values[f.name] ?? null}
              onChange={(v) => setValues((x) => ({ ...x, [f.name]: v }))}
              error={errors[f.name]}
              autoFocus={i === 0}
              record={values}
              defaultCurrency={me.data?.workspace.currency}
            />
          ))}
        </SimpleGrid>
        {!showAll && shown.length < all.length && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setShowAll(true)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('record.moreFields', { count: all.length - shown.length })}
          </Button>
        )}
        <FormErrorAlert error={error} shownFields={shown.map((f) => f.name)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
