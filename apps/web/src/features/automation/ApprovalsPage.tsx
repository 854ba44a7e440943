// /approvals — the approver's inbox: each request waiting for me, what was submitted, and
// approve or reject with a comment. A refused decision (someone else decided first, the step
// moved on) stays on the card with the server's words, and the comment typed is kept.
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSchema } from '../../api/schema';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime, localized } from '../../i18n/format';
import {
  type Approval,
  approvalTitle,
  approvalsKey,
  decideApproval,
  fetchPendingApprovals,
} from './approvalsApi';

export function ApprovalsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: approvalsKey, queryFn: fetchPendingApprovals });
  return (
    <Stack gap="md" pb={80}>
      <div>
        <Title order={1} size="h3">
          {t('automation.approvals.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('automation.approvals.hint')}
        </Text>
      </div>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.length === 0 ? (
        <Paper withBorder radius="md" p="md">
          <EmptyState title={t('automation.approvals.empty')} hint={t('automation.approvals.emptyHint')} />
        </Paper>
      ) : (
        q.data.map((a) => <ApprovalCard key={a.id} approval={a} />)
      )}
    </Stack>
  );
}

function ApprovalCard({ approval: a }: { approval: Approval }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const title = approvalTitle(a);
  const meta = schema.data?.find((o) => o.name === a.object);
  const step = (a.currentStep ?? 0) + 1;

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      await decideApproval(a.id, decision, comment);
      notifications.show({
        color: decision === 'approve' ? 'green' : 'orange',
        message: t(
          decision === 'approve' ? 'automation.approvals.approved' : 'automation.approvals.rejected',
          {
            name: title,
          },
        ),
      });
      await client.invalidateQueries({ queryKey: approvalsKey });
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Text fw={600}>{title}</Text>
              <Badge size="xs" variant="light" color="gray" tt="none">
                {meta ? localized(meta.label, locale) : a.object}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {a.process.name ?? '—'} ·{' '}
              {t('automation.approvals.step', { n: step, total: a.steps.length || step })} ·{' '}
              {t('automation.approvals.submittedAt', { when: formatDateTime(a.createdAt, locale) })}
            </Text>
          </div>
          <Button
            component={Link}
            to={`/${encodeURIComponent(a.object)}/${encodeURIComponent(a.recordId)}`}
            size="compact-sm"
            variant="subtle"
          >
            {t('automation.approvals.open')}
          </Button>
        </Group>
        {a.comment && (
          <div>
            <Text size="xs" c="dimmed">
              {t('automation.approvals.theirComment')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.comment}
            </Text>
          </div>
        )}
        {a.steps.some((s) => s.decision) && (
          <Stack gap={2}>
            {a.steps
              .filter((s) => s.decision)
              .map((s) => (
                <Text key={s.index} size="xs" c="dimmed">
                  {t('automation.approvals.step', { n: s.index + 1, total: a.steps.length })}:{' '}
                  {t(
                    s.decision === 'approved'
                      ? 'automation.approvals.approve'
                      : 'automation.approvals.reject',
                  )}
                  {s.decidedAt ? ` · ${formatDateTime(s.decidedAt, locale)}` : ''}
                  {s.comment ? ` · ${s.comment}` : ''}
                </Text>
              ))}
          </Stack>
        )}
        <Textarea
          label={t('automation.approvals.comment')}
          description={t('automation.approvals.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          maxLength={5000}
          autosize
          minRows={2}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group gap="sm">
          <Button onClick={() => decide('approve')} loading={busy === 'approve'} disabled={busy !== null}>
            {t('automation.approvals.approve')}
          </Button>
          <Button
            color="red"
            variant="light"
            onClick={() => decide('reject')}
            loading={busy === 'reject'}
            disabled={busy !== null}
          >
            {t('automation.approvals.reject')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
