// Edits one cell in place. Enter saves, Escape cancels; if the server refuses, the editor stays
// open with the typed value and the server's message for that field, so nothing is lost.
import type { FieldMeta, RecordBase } from '@rapport/contracts/apiTypes';
import { ActionIcon, Box, Group, Paper } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { FieldInput } from '../../../components/FieldInput';
import { fieldErrorsOf } from '../../../components/FormErrors';
import { useErrorMessage } from '../../../components/States';

export function InlineCellEditor({
  field,
  record,
  onSave,
  onCancel,
}: {
  field: FieldMeta;
  record: RecordBase;
  onSave: (value: unknown) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const message = useErrorMessage();
  const [value, setValue] = useState<unknown>(record[field.name]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onSave(value);
    } catch (err) {
      setError(fieldErrorsOf(err)[field.name] ?? message(err));
      setBusy(false);
    }
  };
  return (
    <Paper
      shadow="md"
      p={4}
      withBorder
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onCancel();
        if (e.key === 'Enter' && field.type !== 'longText' && !e.shiftKey) {
          e.preventDefault();
          void save();
        }
      }}
      style={{
        position: 'absolute',
        left: 0,
        top: 0,
        zIndex: 5,
        minWidth: Math.max(260, 0),
        width: 'max-content',
        maxWidth: 420,
      }}
    >
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Box style={{ flex: 1, minWidth: 200 }}>
          <FieldInput
            field={field}
            value={value}
            onChange={setValue}
            error={error}
            autoFocus
            size="xs"
            record={record}
            defaultCurrency={me.data?.workspace.currency}
          />
        </Box>
        <ActionIcon aria-label={t('common.save')} onClick={() => void save()} loading={busy} size="md">
          <IconCheck size={16} />
        </ActionIcon>
        <ActionIcon aria-label={t('common.cancel')} variant="default" onClick={onCancel} size="md">
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
