// Loading, empty and error states that say what happened and what to do next.
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

// Drawn inline rather than from the icon set: these states are on the first page, and the icon
// chunk would add 40 KB to it.
function Glyph({ d, color }: { d: string; color: string }) {
  return (
    <svg
      width="32"
      height="32"
      viewBox="0 0 24 24"
      fill="none"
      stroke={color}
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <Glyph
          color="var(--mantine-color-gray-5)"
          d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9 10h.01M15 10h.01M9.5 15h5"
        />
        <Text fw={600}>{title}</Text>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}

/** A message for any error: the server's own words for 4xx, a plain sentence for the rest. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (err: unknown): string => {
    if (err instanceof ApiError) {
      if (err.status === 0) return t('errors.network');
      if (err.status === 403) return t('errors.forbidden');
      if (err.status === 404) return t('errors.notFound');
      if (err.status === 409) return err.problem.detail || t('errors.conflict');
      if (err.status === 412) return t('errors.stale');
      if (err.status === 413) return t('errors.tooLarge');
      if (err.status === 429) return t('errors.rateLimited');
      if (err.status >= 500) return t('errors.server');
      return err.problem.detail || err.problem.title || t('errors.generic');
    }
    return t('errors.generic');
  };
}

export function ErrorState({
  error,
  onRetry,
  notFound,
}: {
  error?: unknown;
  onRetry?: () => void;
  notFound?: boolean;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const is404 = notFound || (error instanceof ApiError && error.status === 404);
  return (
    <Center py="xl" px="md">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Glyph
          color="var(--mantine-color-orange-6)"
          d="M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"
        />
        <Title order={2} size="h4">
          {is404 ? t('errors.notFoundTitle') : t('errors.title')}
        </Title>
        <Alert color={is404 ? 'gray' : 'orange'} variant="light" role="alert">
          {is404 ? t('errors.notFound') : message(error)}
        </Alert>
        {onRetry && !is404 && <Button onClick={onRetry}>{t('common.retry')}</Button>}
        {is404 && (
          <Button component="a" href="/my-day" variant="light">
            {t('errors.backHome')}
          </Button>
        )}
      </Stack>
    </Center>
  );
}
