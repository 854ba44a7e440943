// A record page's approval: the status of its latest request in the header (pending with its step
// and approvers, approved, rejected), the fields locked while it is pending, and "Submit for
// approval" with an optional comment. The server decides what qualifies and what is locked; its
// refusal (entry criteria, nobody to approve, already pending) is shown in the dialog.
import type { FieldMeta } from '@rapport/contracts/apiTypes';
import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../api/catalog';
import { fieldErrorsOf, FormErrorAlert } from '../../components/FormErrors';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { type RecordApprovalState, recordApprovalsKey, submitApproval } from './recordApproval';

const statusColor = { pending: 'yellow', approved: 'green', rejected: 'red' } as const;

export function ApprovalStatus({ approval, fields }: { approval: RecordApprovalState; fields: FieldMeta[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const users = useUsers();
  const a = approval.latest;
  if (!a) return null;
  const step = a.currentStep !== null ? a.steps[a.currentStep] : null;
  const names = (step?.approverIds ?? []).map((id) => users.data?.find((u) => u.id === id)?.name ?? id);
  const label = (n: string) => {
    const f = fields.find((x) => x.name === n);
    return f ? localized(f.label, locale) : n;
  };
  return (
    <Stack gap={2} mt={4} data-testid="approval-status">
      <Group gap="xs" wrap="wrap">
        <Badge color={statusColor[a.status]} variant="light">
          {t(`recordApproval.status_${a.status}`)}
        </Badge>
        {a.process.name && (
          <Text size="xs" c="dimmed">
            {a.process.name}
          </Text>
        )}
        {step && (
          <Text size="xs">
            {t('recordApproval.step', { step: step.index + 1, count: a.steps.length })}
            {names.length > 0 && ` · ${t('recordApproval.waitingFor', { names: names.join(', ') })}`}
          </Text>
        )}
      </Group>
      {approval.locked === 'all' ? (
        <Text size="xs" c="dimmed" role="note">
          <IconLock size={12} aria-hidden /> {t('recordApproval.lockedAll')}
        </Text>
      ) : approval.locked.length > 0 ? (
        <Text size="xs" c="dimmed" role="note">
          <IconLock size={12} aria-hidden />{' '}
          {t('recordApproval.lockedSome', { fields: approval.locked.map(label).join(', ') })}
        </Text>
      ) : null}
    </Stack>
  );
}

export function SubmitForApproval({ approval, title }: { approval: RecordApprovalState; title: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [processId, setProcessId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!approval.processes.length || approval.latest?.status === 'pending') return null;
  const errors = fieldErrorsOf(error);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await submitApproval(approval.object, approval.id, {
        ...(processId ? { processId } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setOpen(false);
      setComment('');
      await Promise.all([
        client.invalidateQueries({ queryKey: recordApprovalsKey(approval.object, approval.id) }),
        client.invalidateQueries({ queryKey: ['record', approval.object, approval.id] }),
        client.invalidateQueries({ queryKey: ['timeline', approval.object, approval.id] }),
      ]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setOpen(true)}>
        {t('recordApproval.submit')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('recordApproval.submitTitle', { name: title })}
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            {approval.processes.length > 1 && (
              <Select
                label={t('recordApproval.process')}
                data={approval.processes.map((p) => ({ value: p.id, label: p.name }))}
                value={processId}
                onChange={setProcessId}
                clearable
                error={errors.processId}
              />
            )}
            <Textarea
              label={t('recordApproval.comment')}
              placeholder={t('recordApproval.commentHint')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
              error={errors.comment}
            />
            <FormErrorAlert error={error} shownFields={['processId', 'comment']} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(false)} disabled={busy}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('recordApproval.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
