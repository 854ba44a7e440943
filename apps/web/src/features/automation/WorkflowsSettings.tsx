// /settings/workflows — the process engine's settings. The workflows of the workspace: what
// triggers each, what it does, a switch to activate or pause it, its run history (each run's
// trigger, record and the outcome of every action, failures with their error), and the builder
// that creates and edits them. Below: the approval processes, and for admins the handler errors.
import { Alert, Badge, Button, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { api, qs } from '../../api/client';
import { hasCapability } from '../../app/permissions';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../components/States';
import { useLocale } from '../../components/useLocale';
import { formatDateTime } from '../../i18n/format';
import { SettingsPanel } from '../settings/SettingsPanel';
import { ApprovalProcessesPanel } from './ApprovalProcessesPanel';
import { HandlerErrorsPanel } from './HandlerErrorsPanel';
import { WorkflowBuilder, type WorkflowInput } from './WorkflowBuilder';
import { useKeptState } from './keptState';

type Workflow = WorkflowInput;

type RunStatus = 'pending' | 'succeeded' | 'failed' | 'skipped';

interface Run {
  id: string;
  status: RunStatus;
  reason: string | null;
  trigger: { event: string; object: string | null; recordId: string | null };
  actions: { index: number; type: string; status: RunStatus; attempts: number; error: string | null }[];
  createdAt: string;
}

const runColor: Record<RunStatus, string> = {
  pending: 'blue',
  succeeded: 'green',
  failed: 'red',
  skipped: 'gray',
};

export const workflowsKey = ['workflows'] as const;

export function WorkflowsSettings() {
  const { t } = useTranslation();
  const me = useMe();
  // Kept outside this component: a remount while the user fills a new workflow must not drop it.
  const [creating, setCreating, stopCreating] = useKeptState('workflows.creating', () => false);
  const q = useQuery({
    queryKey: workflowsKey,
    queryFn: () => api.get<{ data: Workflow[] }>('/api/v1/workflows').then((b) => b.data),
  });
  const actions = creating ? undefined : (
    <Button size="sm" leftSection={<IconPlus size={14} />} onClick={() => setCreating(true)}>
      {t('automation.builder.new')}
    </Button>
  );
  return (
    <Stack gap="xl">
      <SettingsPanel
        title={t('settings.sections.workflows')}
        hint={t('automation.workflows.hint')}
        actions={actions}
      >
        <Stack gap="md">
          {creating && (
            <Paper withBorder radius="md" p="md">
              <WorkflowBuilder workflow={null} onDone={stopCreating} />
            </Paper>
          )}
          {q.isPending ? (
            <LoadingState />
          ) : q.isError ? (
            <ErrorState error={q.error} onRetry={() => q.refetch()} />
          ) : q.data.length === 0 ? (
            !creating && (
              <Paper withBorder radius="md" p="md">
                <EmptyState
                  title={t('automation.workflows.empty')}
                  hint={t('automation.workflows.emptyHint')}
                />
              </Paper>
            )
          ) : (
            q.data.map((w) => <WorkflowCard key={w.id} workflow={w} />)
          )}
        </Stack>
      </SettingsPanel>
      <Paper withBorder radius="md" p="md">
        <ApprovalProcessesPanel />
      </Paper>
      {hasCapability(me.data, 'manageSettings') && (
        <Paper withBorder radius="md" p="md">
          <HandlerErrorsPanel />
        </Paper>
      )}
    </Stack>
  );
}

function WorkflowCard({ workflow: w }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const message = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const [showRuns, setShowRuns] = useState(false);
  const [editing, setEditing, stopEditing] = useKeptState(`workflows.editing.${w.id}`, () => false);
  const conditions = (w.trigger.when?.length ?? 0) + (w.trigger.previously?.length ?? 0);

  const toggle = async (active: boolean) => {
    setSaving(true);
    try {
      await api.patch(`/api/v1/workflows/${encodeURIComponent(w.id)}`, { active });
      await client.invalidateQueries({ queryKey: workflowsKey });
      notifications.show({
        color: 'green',
        message: t(active ? 'automation.workflows.activated' : 'automation.workflows.deactivated', {
          name: w.name,
        }),
      });
    } catch (err) {
      notifications.show({ color: 'red', message: message(err) });
    } finally {
      setSaving(false);
    }
  };

  if (editing)
    return (
      <Paper withBorder radius="md" p="md">
        <WorkflowBuilder workflow={w} onDone={stopEditing} />
      </Paper>
    );
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={w.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={600}>{w.name}</Text>
            {w.description && (
              <Text size="sm" c="dimmed">
                {w.description}
              </Text>
            )}
          </div>
          <Switch
            label={t('automation.workflows.active')}
            checked={w.active}
            disabled={saving}
            onChange={(e) => toggle(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm">
          {t('automation.workflows.trigger')}: <code>{w.trigger.event}</code>
          {w.trigger.object ? ` · ${w.trigger.object}` : ''}
          {conditions ? ` · ${t('automation.workflows.conditions', { count: conditions })}` : ''}
        </Text>
        <Group gap={4}>
          <Text size="sm">{t('automation.workflows.actions')}:</Text>
          {w.actions.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions are an ordered list without ids
            <Badge key={i} size="sm" variant="light" tt="none">
              {a.type}
            </Badge>
          ))}
        </Group>
        <Group gap="xs">
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
            {t('automation.builder.edit')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => setShowRuns((v) => !v)}>
            {showRuns ? t('automation.workflows.hideRuns') : t('automation.workflows.runs')}
          </Button>
        </Group>
        {showRuns && <RunHistory workflowId={w.id} />}
      </Stack>
    </Paper>
  );
}

function RunHistory({ workflowId }: { workflowId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const q = useInfiniteQuery({
    queryKey: ['workflows', workflowId, 'runs'],
    queryFn: ({ pageParam }) =>
      api.get<{ data: Run[]; nextCursor: string | null }>(
        `/api/v1/workflows/${encodeURIComponent(workflowId)}/runs${qs({ limit: 20, after: pageParam })}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const runs = q.data.pages.flatMap((p) => p.data);
  if (!runs.length) return <EmptyState title={t('automation.workflows.noRuns')} />;
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t('automation.workflows.runs')}>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Badge size="sm" variant="light" color={runColor[r.status]} tt="none">
                    {t(`automation.workflows.${r.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(r.createdAt, locale)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    <code>{r.trigger.event}</code>
                  </Text>
                  {r.trigger.object && r.trigger.recordId && (
                    <Text size="xs">
                      <Link to={`/${r.trigger.object}/${r.trigger.recordId}`}>
                        {t('automation.workflows.record')}
                      </Link>
                    </Text>
                  )}
                  {r.reason && (
                    <Text size="xs" c="dimmed">
                      {t('automation.workflows.reason')}: {r.reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {r.actions.map((a) => (
                      <div key={a.index}>
                        <Text size="xs">
                          {a.type}: {t(`automation.workflows.${a.status}`)}
                          {a.attempts > 1 ? ` (${a.attempts}×)` : ''}
                        </Text>
                        {a.error && (
                          <Alert color="red" variant="light" p={4}>
                            <Text size="xs">{a.error}</Text>
                          </Alert>
                        )}
                      </div>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {q.hasNextPage && (
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => q.fetchNextPage()}
          loading={q.isFetchingNextPage}
        >
          {t('timeline.more')}
        </Button>
      )}
    </>
  );
}
