// Signed-in pages sit behind this: it asks the server who is signed in, sends everyone else to
// sign-in (remembering where they were going), and applies the user's language.
import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { changeLocale } from '../i18n';
import { normalizeLocale, storedLocale } from '../i18n/locale';
import { ErrorState } from '../components/States';

export function AuthGate() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  const userLocale = me.data?.user.locale;
  useEffect(() => {
    // The user's saved language wins; without one, the choice made on this device (or the browser's).
    const l = normalizeLocale(userLocale) ?? storedLocale();
    if (l) void changeLocale(l);
  }, [userLocale]);

  if (me.isPending)
    return (
      <Center h="100dvh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'} replace />
    );
  }
  return <Outlet />;
}
