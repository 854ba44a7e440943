// A contact's or lead's sequences on its page: each enrolment with its state, next step (merge
// fields filled from this record) and when, with pause / resume / stop; and the "Enrol in a
// sequence" dialog, where a rep picks an active sequence and confirms. The server's refusal (already
// enrolled, sequence switched off, record not visible) is shown in the dialog itself.
import { Button, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client';
import { FormErrorAlert } from '../../components/FormErrors';
import { ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime } from '../../i18n/format';
import {
  type Enrollment,
  type EnrollmentVerb,
  enrollmentPath,
  recordEnrollmentsKey,
  type Sequence,
  sequencesKey,
} from './sequenceTypes';
import { EnrollmentStatus } from './EnrollmentStatus';
import { useStepText } from './useStepText';

/** Objects whose records are people a cadence can reach. */
export const enrollableObjects = new Set(['contacts', 'leads']);

interface RecordRef {
  object: string;
  record: Record<string, unknown> & { id: string };
  title: string;
}

const verbDone = {
  pause: 'automation.sequences.paused',
  resume: 'automation.sequences.resumed',
  stop: 'automation.sequences.stopped',
} as const;

export function RecordSequences({ object, record, title, onEnrol }: RecordRef & { onEnrol: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const message = useErrorMessage();
  const stepText = useStepText(record);
  const [busy, setBusy] = useState<string | null>(null);
  const key = recordEnrollmentsKey(object, record.id);
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      api
        .get<{ data: Enrollment[] }>(
          `/api/v1/sequence-enrollments${qs({ object, recordId: record.id, limit: 50 })}`,
        )
        .then((b) => b.data),
  });

  const act = async (e: Enrollment, verb: EnrollmentVerb) => {
    setBusy(`${e.id}:${verb}`);
    try {
      await api.post(enrollmentPath(e, verb));
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['sequences', e.sequenceId, 'enrollments'] });
      notifications.show({ color: 'green', message: t(verbDone[verb]) });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    } finally {
      setBusy(null);
    }
  };

  const live = (q.data ?? []).filter((e) => e.status === 'active' || e.status === 'paused');
  const ended = (q.data ?? []).filter((e) => e.status !== 'active' && e.status !== 'paused');
  const rows = [...live, ...ended];
  const label = t('automation.sequences.recordPanel');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h5">
          {label}
        </Title>
        <Button size="compact-sm" variant="light" onClick={onEnrol}>
          {t('automation.sequences.enrol')}
        </Button>
      </Group>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('automation.sequences.recordPanelEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table aria-label={t('automation.sequences.enrollmentsOf', { name: title })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('automation.sequences.sequence')}</Table.Th>
                <Table.Th>{t('automation.sequences.status')}</Table.Th>
                <Table.Th>{t('automation.sequences.nextStep')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="sm">{e.sequenceName ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <EnrollmentStatus enrollment={e} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{stepText(e) ?? '—'}</Text>
                    {e.nextRunAt && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(e.nextRunAt, locale)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {(e.status === 'active' || e.status === 'paused') && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          loading={busy === `${e.id}:${e.status === 'active' ? 'pause' : 'resume'}`}
                          disabled={busy !== null}
                          aria-label={`${t(e.status === 'active' ? 'automation.sequences.pause' : 'automation.sequences.resume')} · ${e.sequenceName ?? ''}`}
                          onClick={() => act(e, e.status === 'active' ? 'pause' : 'resume')}
                        >
                          {t(
                            e.status === 'active'
                              ? 'automation.sequences.pause'
                              : 'automation.sequences.resume',
                          )}
                        </Button>
                      )}
                      {(e.status === 'active' || e.status === 'paused') && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          loading={busy === `${e.id}:stop`}
                          disabled={busy !== null}
                          aria-label={`${t('automation.sequences.stop')} · ${e.sequenceName ?? ''}`}
                          onClick={() => act(e, 'stop')}
                        >
                          {t('automation.sequences.stop')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export function EnrollDialog({
  opened,
  onClose,
  object,
  record,
  title,
}: RecordRef & { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stepText = useStepText(record);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const sequences = useQuery({
    queryKey: sequencesKey,
    queryFn: () => api.get<{ data: Sequence[] }>('/api/v1/sequences').then((b) => b.data),
    enabled: opened,
  });
  const active = (sequences.data ?? []).filter((s) => s.active);
  const chosen = active.find((s) => s.id === picked);
  const first = chosen?.steps[0];

  const close = () => {
    setPicked(null);
    setError(null);
    onClose();
  };

  const enrol = async () => {
    if (!chosen) return;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/v1/sequences/${encodeURIComponent(chosen.id)}/enrollments`, {
        object,
        id: record.id,
      });
      await client.invalidateQueries({ queryKey: recordEnrollmentsKey(object, record.id) });
      await client.invalidateQueries({ queryKey: ['sequences', chosen.id, 'enrollments'] });
      notifications.show({
        color: 'green',
        message: t('automation.sequences.enrolled', { name: title, sequence: chosen.name }),
      });
      close();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('automation.sequences.enrol')}>
      {sequences.isPending ? (
        <LoadingState />
      ) : sequences.isError ? (
        <ErrorState error={sequences.error} onRetry={() => sequences.refetch()} />
      ) : (
        <Stack gap="sm">
          {active.length === 0 ? (
            <Text size="sm">{t('automation.sequences.noActiveSequences')}</Text>
          ) : (
            <Select
              label={t('automation.sequences.sequence')}
              description={t('automation.sequences.enrolPickHint')}
              data={active.map((s) => ({ value: s.id, label: s.name }))}
              value={picked}
              onChange={(v) => {
                setPicked(v);
                setError(null);
              }}
              searchable
              data-autofocus
            />
          )}
          {first && (
            <Text size="sm" c="dimmed">
              {t('automation.sequences.enrolFirstStep', {
                step: stepText({
                  object,
                  nextStep: { index: 0, type: first.type, subject: first.subject, delay: first.delay },
                }),
              })}
            </Text>
          )}
          <FormErrorAlert error={error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={saving}>
              {t('automation.sequences.cancel')}
            </Button>
            <Button onClick={enrol} loading={saving} disabled={!chosen}>
              {t('automation.sequences.enrolConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
