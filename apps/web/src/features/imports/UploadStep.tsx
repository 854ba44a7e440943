// Step 1: the file and how rows find existing records. Sends a dry run: nothing is written until
// the user has seen the mapping and the preview.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { type ImportOptions, type ImportView, isBusy, type OnMatch, settle, uploadImport } from './importApi';
import { phoneRegions } from './phoneRegions';

export const ACCEPT = '.csv,.tsv,.txt,.xlsx,.vcf';
const ACCEPTED = /\.(csv|tsv|txt|xlsx|vcf)$/i;
// Fields a row can be matched on: values that identify a record, not free text or flags.
const MATCHABLE = new Set(['text', 'email', 'phone', 'url', 'number', 'relation', 'select', 'date']);

export interface UploadResult {
  file: File;
  options: ImportOptions;
  imp: ImportView;
}

export function UploadStep({
  meta,
  initial,
  onDone,
}: {
  meta: ObjectMeta;
  initial?: { file: File | null; options: ImportOptions };
  onDone: (r: UploadResult) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const message = useErrorMessage();
  const [file, setFile] = useState<File | null>(initial?.file ?? null);
  const [match, setMatch] = useState<string[]>(initial?.options.match ?? []);
  const [onMatch, setOnMatch] = useState<OnMatch>(initial?.options.onMatch ?? 'update');
  const [createMissing, setCreateMissing] = useState(initial?.options.createMissing ?? false);
  const [region, setRegion] = useState<string | null>(initial?.options.defaultRegion ?? null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const matchable = meta.fields
    .filter((f) => !f.readOnly && !f.hidden && MATCHABLE.has(f.type))
    .map((f) => ({ value: f.name, label: localized(f.label, locale) || f.name }));
  const hasPhones = meta.fields.some((f) => f.type === 'phone' && !f.readOnly && !f.hidden);

  const submit = async () => {
    setError(null);
    if (!file) return setFileError(t('imports.fileMissing'));
    if (!ACCEPTED.test(file.name)) return setFileError(t('imports.fileType'));
    setFileError(null);
    const options: ImportOptions = {
      ...(match.length ? { match } : {}),
      onMatch,
      createMissing,
      ...(hasPhones && region ? { defaultRegion: region } : {}),
    };
    setBusy(true);
    try {
      let imp = await uploadImport({
        file,
        object: meta.name,
        options: { ...options, dryRun: true },
        csrfToken: me.data?.csrfToken,
      });
      if (isBusy(imp)) imp = await settle(imp, () => {});
      if (imp.status === 'failed') setError(imp.error ?? t('imports.checkFailed'));
      else onDone({ file, options, imp });
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors : {};
      if (fe.file) setFileError(fe.file);
      setError(
        Object.entries(fe)
          .filter(([k]) => k !== 'file')
          .map(([, v]) => v)
          .join(' ') || (fe.file ? null : message(err)),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <FileInput
        label={t('imports.file')}
        description={t('imports.fileHint')}
        placeholder={t('imports.choose')}
        accept={ACCEPT}
        value={file}
        onChange={(f) => {
          setFile(f);
          setFileError(null);
        }}
        error={fileError}
        leftSection={<IconUpload size={16} />}
        clearable
      />
      <MultiSelect
        label={t('imports.matchOn')}
        description={t('imports.matchOnHint')}
        placeholder={match.length ? undefined : t('imports.matchAuto')}
        data={matchable}
        value={match}
        onChange={setMatch}
        searchable
        clearable
      />
      <Radio.Group label={t('imports.onMatch')} value={onMatch} onChange={(v) => setOnMatch(v as OnMatch)}>
        <Stack gap={6} mt={6}>
          <Radio value="update" label={t('imports.onMatchUpdate')} />
          <Radio value="skip" label={t('imports.onMatchSkip')} />
          <Radio value="create" label={t('imports.onMatchCreate')} />
        </Stack>
      </Radio.Group>
      {hasPhones && (
        <Select
          label={t('imports.phoneRegion')}
          description={t('imports.phoneRegionHint')}
          placeholder={t('imports.phoneRegionAuto')}
          data={phoneRegions(locale)}
          value={region}
          onChange={setRegion}
          searchable
          clearable
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <Checkbox
        label={t('imports.createMissing')}
        description={t('imports.createMissingHint')}
        checked={createMissing}
        onChange={(e) => setCreateMissing(e.currentTarget.checked)}
      />
      {error && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        {busy && (
          <Text size="sm" c="dimmed" role="status">
            {t('imports.checking')}
          </Text>
        )}
        <Button onClick={submit} loading={busy}>
          {t('imports.check')}
        </Button>
      </Group>
    </Stack>
  );
}
