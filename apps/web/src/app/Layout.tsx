// The frame of every signed-in page: side navigation on a desktop, bottom navigation on a phone,
// a search button (Ctrl/⌘+K) and the quick-log button always one tap or one key away.
import {
  ActionIcon,
  Affix,
  AppShell,
  Avatar,
  Button,
  Group,
  Kbd,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuilding,
  IconCalendarCheck,
  IconChecklist,
  IconCircleCheck,
  IconDotsCircleHorizontal,
  IconLogout,
  IconMail,
  IconPhoneCall,
  IconReportMoney,
  IconSearch,
  IconSettings,
  IconSparkles,
  IconTable,
  IconTrash,
  IconUser,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { logout, meKey, useMe } from '../api/auth';
import { useSchema } from '../api/schema';
import { useLocale } from '../components/useLocale';
import { localized } from '../i18n/format';
import { navEntries, type NavEntry } from './navigation';
import { QuickActionsProvider, useQuickActions } from './QuickActions';

const icons: Record<string, typeof IconUser> = {
  'my-day': IconCalendarCheck,
  companies: IconBuilding,
  contacts: IconAddressBook,
  leads: IconSparkles,
  deals: IconReportMoney,
  activities: IconChecklist,
  settings: IconSettings,
};

function useEntryLabel() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (e: NavEntry) =>
    e.labelKey ? t(e.labelKey) : localized(e.meta?.pluralLabel ?? e.meta?.label, locale);
}

function isActive(pathname: string, e: NavEntry) {
  const base = e.to.split('?')[0]!;
  return pathname === base || pathname.startsWith(`${base}/`);
}

export function Layout() {
  return (
    <QuickActionsProvider>
      <Shell />
    </QuickActionsProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const me = useMe();
  const schema = useSchema();
  const entries = navEntries(me.data, schema.data);
  const label = useEntryLabel();
  const { pathname } = useLocation();
  const { openPalette, openQuickLog } = useQuickActions();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: true } }}
      footer={phone ? { height: 60 } : undefined}
      padding={phone ? 'xs' : 'md'}
    >
      <a className="rapport-skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text
              component={Link}
              to="/my-day"
              fw={700}
              size="lg"
              c="blue.8"
              style={{ textDecoration: 'none' }}
            >
              Rapport
            </Text>
            {me.data && !phone && (
              <Text size="sm" c="dimmed" truncate maw={200}>
                {me.data.workspace.name}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {phone ? (
              <ActionIcon variant="default" size="lg" aria-label={t('palette.open')} onClick={openPalette}>
                <IconSearch size={18} />
              </ActionIcon>
            ) : (
              <Button
                variant="default"
                leftSection={<IconSearch size={16} />}
                rightSection={<Kbd size="xs">Ctrl K</Kbd>}
                onClick={openPalette}
                aria-keyshortcuts="Control+K Meta+K"
                w={260}
                justify="space-between"
                styles={{ label: { color: 'var(--mantine-color-dimmed)', fontWeight: 400 } }}
              >
                {t('palette.placeholderShort')}
              </Button>
            )}
            {!phone && (
              <Button leftSection={<IconPhoneCall size={16} />} onClick={() => openQuickLog()}>
                {t('quickLog.button')}
              </Button>
            )}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          {entries.map((e) => {
            const Icon = icons[e.key] ?? IconTable;
            return (
              <NavLink
                key={e.key}
                component={RouterNavLink}
                to={e.to}
                label={label(e)}
                leftSection={<Icon size={18} stroke={1.6} />}
                active={isActive(pathname, e)}
              />
            );
          })}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>

      {phone && (
        <>
          <AppShell.Footer aria-label={t('nav.main')} component="nav">
            <BottomNav entries={entries} />
          </AppShell.Footer>
          {/* Bottom-right, above the navigation: where a right thumb rests. */}
          <Affix position={{ bottom: 72, right: 16 }}>
            <ActionIcon
              size={56}
              radius="xl"
              aria-label={t('quickLog.button')}
              onClick={() => openQuickLog()}
              style={{ boxShadow: 'var(--mantine-shadow-md)' }}
            >
              <IconPhoneCall size={26} />
            </ActionIcon>
          </Affix>
        </>
      )}
    </AppShell>
  );
}

function BottomNav({ entries }: { entries: NavEntry[] }) {
  const { t } = useTranslation();
  const label = useEntryLabel();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const primary = ['my-day', 'contacts', 'deals', 'activities'];
  const main = entries.filter((e) => primary.includes(e.key));
  const more = entries.filter((e) => !primary.includes(e.key));
  return (
    <Group h="100%" grow gap={0} wrap="nowrap">
      {main.map((e) => {
        const Icon = icons[e.key] ?? IconTable;
        const active = isActive(pathname, e);
        return (
          <UnstyledButton
            key={e.key}
            component={Link}
            to={e.to}
            aria-current={active ? 'page' : undefined}
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              gap: 2,
              color: active ? 'var(--mantine-color-blue-7)' : 'var(--mantine-color-gray-7)',
              minWidth: 0,
            }}
          >
            <Icon size={22} stroke={1.7} aria-hidden />
            <Text size="10px" truncate maw="100%">
              {label(e)}
            </Text>
          </UnstyledButton>
        );
      })}
      <Menu position="top-end" withinPortal>
        <Menu.Target>
          <UnstyledButton
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              gap: 2,
              color: 'var(--mantine-color-gray-7)',
            }}
            aria-label={t('nav.more')}
          >
            <IconDotsCircleHorizontal size={22} stroke={1.7} aria-hidden />
            <Text size="10px">{t('nav.more')}</Text>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          {more.map((e) => (
            <Menu.Item key={e.key} onClick={() => navigate(e.to)}>
              {label(e)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const name = me.data?.user.name ?? '';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" radius="xl" size="lg" aria-label={t('nav.userMenu', { name })}>
          <Avatar size={30} radius="xl" color="blue">
            {name.slice(0, 1).toUpperCase()}
          </Avatar>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.data?.user.email}</Menu.Label>
        <Menu.Item leftSection={<IconUser size={16} />} onClick={() => navigate('/account')}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => navigate('/approvals')}>
          {t('automation.approvals.title')}
        </Menu.Item>
        <Menu.Item leftSection={<IconMail size={16} />} onClick={() => navigate('/emails')}>
          {t('automation.emails.title')}
        </Menu.Item>
        <Menu.Item leftSection={<IconTrash size={16} />} onClick={() => navigate('/recycle-bin')}>
          {t('bin.title')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={async () => {
            await logout().catch(() => undefined);
            client.clear();
            client.setQueryData(meKey, null);
            navigate('/signin', { replace: true });
          }}
        >
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
