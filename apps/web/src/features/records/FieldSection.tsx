// One section of a record page: values to read, and an Edit button that turns the section into a
// form. Saving sends only the changed fields with If-Match; a refusal keeps every typed value and
// shows the server's message under its field (a 412 reloads the record but keeps the draft).
import type { FieldMeta, ObjectMeta, RecordBase } from '@rapport/contracts/apiTypes';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { FieldInput } from '../../components/FieldInput';
import { FieldValue } from '../../components/FieldValue';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { fieldAccess } from '../../app/permissions';
import type { Section } from './layoutSections';

const readOnlyNames = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'version', 'object']);

export interface FieldSectionProps {
  meta: ObjectMeta;
  section: Section;
  record: RecordBase;
  canEdit: boolean;
  onSave: (patch: Record<string, unknown>, version: number) => Promise<unknown>;
  onStale?: () => Promise<unknown>;
}

export function changedFields(record: RecordBase, draft: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft))
    if (JSON.stringify(v ?? null) !== JSON.stringify(record[k] ?? null)) patch[k] = v;
  return patch;
}

export function FieldSection({ meta, section, record, canEdit, onSave, onStale }: FieldSectionProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editable = (f: FieldMeta) =>
    !f.readOnly &&
    !readOnlyNames.has(f.name) &&
    fieldAccess(me.data?.permissions, meta.name, f.name) === 'write';
  const anyEditable = canEdit && section.fields.some(editable);
  const title = section.labelKey ? t(section.labelKey) : localized(section.label, locale);
  const errors = fieldErrorsOf(error);

  const start = () => {
    setDraft(
      Object.fromEntries(section.fields.filter(editable).map((f) => [f.name, record[f.name] ?? null])),
    );
    setError(null);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const patch = changedFields(record, draft);
    if (!Object.keys(patch).length) {
      setDraft(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(patch, record.version);
      setDraft(null);
      notifications.show({ color: 'green', message: t('record.saved') });
    } catch (err) {
      setError(err);
      // Someone saved in between: fetch their version so the next Save applies on top of it.
      if (err instanceof ApiError && err.status === 412) await onStale?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {title}
        </Title>
        {anyEditable && !draft && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPencil size={14} />}
            onClick={start}
            aria-label={t('record.editSection', { name: title })}
          >
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {draft ? (
        <form onSubmit={save} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {section.fields.map((f) =>
                editable(f) ? (
                  <FieldInput
                    key={f.name}
                    field={f}
                    label={localized(f.label, locale)}
                    value={draft[f.name]}
                    onChange={(v) => setDraft((d) => ({ ...d, [f.name]: v }))}
                    error={errors[f.name]}
                    record={{ ...record, ...draft }}
                    defaultCurrency={me.data?.workspace.currency}
                  />
                ) : (
                  <ReadField key={f.name} field={f} record={record} />
                ),
              )}
            </SimpleGrid>
            <FormErrorAlert error={error} shownFields={section.fields.map((f) => f.name)} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setDraft(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          {section.fields.map((f) => (
            <ReadField key={f.name} field={f} record={record} />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

function ReadField({ field, record }: { field: FieldMeta; record: RecordBase }) {
  const locale = useLocale();
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {localized(field.label, locale)}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        <FieldValue field={field} record={record} />
      </Text>
    </div>
  );
}
