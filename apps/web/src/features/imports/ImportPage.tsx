// /:object/import — the import wizard: upload (a dry run), mapping, preview, run, result. The file
// is uploaded once; every later step re-runs the stored file with POST /imports/{id}/run, as a dry
// run until the user starts the real one.
import type { ObjectMeta } from '@rapport/contracts/apiTypes';
import { Alert, Anchor, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useObjectMeta } from '../../api/schema';
import { can, hasCapability } from '../../app/permissions';
import { ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { type ImportOptions, type ImportView, importsApi, settle } from './importApi';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ResultStep } from './ResultStep';
import { RunProgress } from './RunProgress';
import { sampleValues } from './sampleValues';
import { type UploadResult, UploadStep } from './UploadStep';

export function ImportPage() {
  const { t } = useTranslation();
  const { object = '' } = useParams();
  const schema = useObjectMeta(object);
  const me = useMe();
  if (schema.isPending || me.isPending) return <LoadingState />;
  if (schema.isError) return <ErrorState error={schema.error} onRetry={() => schema.refetch()} />;
  if (!schema.meta) return <ErrorState notFound />;
  if (!hasCapability(me.data, 'importData') || !can(me.data?.permissions, object, 'create'))
    return (
      <Alert color="orange" variant="light" role="alert" m="md">
        {t('errors.forbidden')}
      </Alert>
    );
  return <ImportWizard key={object} meta={schema.meta} />;
}

const STEPS = ['upload', 'mapping', 'preview', 'run', 'result'] as const;

/** The server's objections to a mapping, by column ("options.mapping.<column>"). */
function mappingErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const [k, v] of Object.entries(err.fieldErrors))
    if (k.startsWith('options.mapping.')) out[k.slice('options.mapping.'.length)] = v;
  return out;
}

export function ImportWizard({ meta }: { meta: ObjectMeta }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [step, setStep] = useState(0);
  const [upload, setUpload] = useState<{ file: File | null; options: ImportOptions }>({
    file: null,
    options: {},
  });
  const [imp, setImp] = useState<ImportView | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [samples, setSamples] = useState<string[][] | null>(null);
  const [busy, setBusy] = useState(false);
  const [colErrors, setColErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [runs, setRuns] = useState(0);
  const [undoing, setUndoing] = useState(false);
  const alive = useRef(new AbortController());
  useEffect(() => {
    const c = new AbortController();
    alive.current = c;
    return () => c.abort();
  }, []);
  const title = localized(meta.pluralLabel ?? meta.label, locale);
  const runKey = `${imp?.id}:${runs}`;

  const track = (next: ImportView) => {
    if (!alive.current.signal.aborted) setImp(next);
  };

  const uploaded = (r: UploadResult) => {
    setUpload({ file: r.file, options: r.options });
    setImp(r.imp);
    setMapping(r.imp.mapping);
    setColErrors({});
    setError(null);
    setRuns((n) => n + 1);
    setSamples(null);
    void sampleValues(r.file, r.imp).then((s) => {
      if (!alive.current.signal.aborted) setSamples(s);
    });
    setStep(1);
  };

  const remap = async (next: Record<string, string | null>) => {
    if (!imp) return;
    setMapping(next);
    setBusy(true);
    setError(null);
    try {
      let r = await importsApi.run(imp.id, { ...upload.options, mapping: next, dryRun: true });
      track(r);
      r = await settle(r, track, alive.current.signal);
      setColErrors({});
      if (r.status === 'failed') setError(r.error ?? t('imports.checkFailed'));
      setRuns((n) => n + 1);
    } catch (err) {
      const byColumn = mappingErrors(err);
      setColErrors(byColumn);
      // A mapping the server refuses leaves the previous dry run in place: say why, by column
      // where the server named one.
      if (!Object.keys(byColumn).length) setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!imp) return;
    setStep(3);
    setError(null);
    try {
      let r = await importsApi.run(imp.id, { ...upload.options, mapping, dryRun: false });
      track(r);
      r = await settle(r, track, alive.current.signal);
      setRuns((n) => n + 1);
      await client.invalidateQueries({ queryKey: ['records', meta.name] });
      setStep(4);
    } catch (err) {
      setError(message(err));
    }
  };

  const undo = async () => {
    if (!imp) return;
    const n = imp.counts.created + imp.counts.updated;
    if (!window.confirm(t('imports.undoConfirm', { count: n }))) return;
    setUndoing(true);
    setError(null);
    try {
      let r = await importsApi.undo(imp.id);
      track(r);
      r = await settle(r, track, alive.current.signal);
      await client.invalidateQueries({ queryKey: ['records'] });
    } catch (err) {
      setError(message(err));
    } finally {
      setUndoing(false);
    }
  };

  const restart = () => {
    setImp(null);
    setMapping({});
    setSamples(null);
    setError(null);
    setUpload({ file: null, options: upload.options });
    setStep(0);
  };

  return (
    <Stack gap="md" pb={80}>
      <div>
        <Anchor component={Link} to={`/${meta.name}`} size="sm">
          {t('imports.backToList', { name: title })}
        </Anchor>
        <Title order={1} size="h3">
          {t('imports.title', { name: title })}
        </Title>
      </div>
      <Stepper active={step} size="xs" allowNextStepsSelect={false} aria-label={t('imports.steps')}>
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={phone ? undefined : t(`imports.step.${s}`)} />
        ))}
      </Stepper>
      <Paper withBorder radius="md" p={phone ? 'sm' : 'md'}>
        <Title order={2} size="h5" mb="sm">
          {t('imports.stepOf', { n: step + 1, total: STEPS.length, name: t(`imports.step.${STEPS[step]!}`) })}
        </Title>
        {step === 0 && <UploadStep meta={meta} initial={upload} onDone={uploaded} />}
        {step === 1 && imp && (
          <MappingStep
            imp={imp}
            mapping={mapping}
            samples={samples}
            busy={busy}
            errors={colErrors}
            error={error}
            onChange={remap}
            onBack={() => setStep(0)}
            onNext={() => setStep(2)}
          />
        )}
        {step === 2 && imp && <PreviewStep imp={imp} runKey={runKey} onBack={() => setStep(1)} onRun={run} />}
        {step === 3 && <RunProgress imp={imp} error={error} onBack={() => setStep(2)} />}
        {step === 4 && imp && (
          <ResultStep
            imp={imp}
            listTitle={title}
            runKey={runKey}
            undoing={undoing}
            undoError={error}
            onUndo={undo}
            onAnother={restart}
          />
        )}
        {step === 0 && (
          <Text size="xs" c="dimmed" mt="sm">
            {t('imports.nothingWritten')}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
