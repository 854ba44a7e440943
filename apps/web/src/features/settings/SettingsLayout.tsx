// /settings — the admin's screens, each behind the capability it needs (the server checks again).
import { Grid, NavLink, ScrollArea, Select, Stack, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { hasCapability } from '../../app/permissions';
import { ErrorState } from '../../components/States';

const sections = [
  { to: 'company', key: 'company', cap: 'manageSettings' },
  { to: 'users', key: 'users', cap: 'manageUsers' },
  { to: 'teams', key: 'teams', cap: 'manageUsers' },
  { to: 'units', key: 'units', cap: 'manageUsers' },
  { to: 'roles', key: 'roles', cap: 'manageUsers' },
  { to: 'objects', key: 'objects', cap: 'manageSchema' },
  { to: 'pipelines', key: 'pipelines', cap: 'manageSchema' },
  { to: 'layouts', key: 'layouts', cap: 'manageSchema' },
  { to: 'workflows', key: 'workflows', cap: 'manageWorkflows' },
  { to: 'sequences', key: 'sequences', cap: 'manageWorkflows' },
] as const;

export function SettingsLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const allowed = sections.filter((s) => hasCapability(me.data, s.cap));
  if (!allowed.length) return <ErrorState error={undefined} notFound />;
  const current = allowed.find((s) => pathname.startsWith(`/settings/${s.to}`));
  return (
    <Stack gap="md" pb={80}>
      <Title order={1} size="h3">
        {t('settings.title')}
      </Title>
      {phone ? (
        <>
          <Select
            aria-label={t('settings.section')}
            data={allowed.map((s) => ({ value: s.to, label: t(`settings.sections.${s.key}`) }))}
            value={current?.to ?? null}
            onChange={(v) => v && navigate(`/settings/${v}`)}
            allowDeselect={false}
          />
          <Outlet />
        </>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, sm: 3, lg: 2 }}>
            <ScrollArea>
              <nav aria-label={t('settings.title')}>
                {allowed.map((s) => (
                  <NavLink
                    key={s.to}
                    component={RouterNavLink}
                    to={`/settings/${s.to}`}
                    label={t(`settings.sections.${s.key}`)}
                    active={current?.to === s.to}
                  />
                ))}
              </nav>
            </ScrollArea>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 9, lg: 10 }}>
            <Outlet />
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
