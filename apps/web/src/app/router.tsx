// Every page has a stable URL (/contacts, /contacts/:id, /deals?view=board, /settings/users) and is
// loaded on demand, so the first page ships only what it shows.
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, Navigate } from 'react-router';
import { meKey } from '../api/auth';
import { setUnauthorizedHandler } from '../api/client';
import { AuthGate } from './AuthGate';
import { RouteError } from './RouteError';

const page =
  <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  async () => ({ Component: (await load())[name] });

export function makeRouter(client: QueryClient) {
  // A session that ends mid-use (expired, revoked, user deactivated) sends the user to sign-in.
  setUnauthorizedHandler(() => client.setQueryData(meKey, null));
  return createBrowserRouter([
    {
      path: '/setup',
      lazy: page(() => import('../features/auth/SetupPage'), 'SetupPage'),
      errorElement: <RouteError />,
    },
    {
      path: '/signin',
      lazy: page(() => import('../features/auth/SignInPage'), 'SignInPage'),
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: <AuthGate />,
      errorElement: <RouteError />,
      children: [
        {
          lazy: page(() => import('./Layout'), 'Layout'),
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Navigate to="/my-day" replace /> },
            { path: 'my-day', lazy: page(() => import('../features/myday/MyDayPage'), 'MyDayPage') },
            { path: 'account', lazy: page(() => import('../features/account/AccountPage'), 'AccountPage') },
            {
              path: 'approvals',
              lazy: page(() => import('../features/automation/ApprovalsPage'), 'ApprovalsPage'),
            },
            { path: 'emails', lazy: page(() => import('../features/automation/OutboxPage'), 'OutboxPage') },
            {
              path: 'recycle-bin',
              lazy: page(() => import('../features/recycleBin/RecycleBinPage'), 'RecycleBinPage'),
            },
            {
              path: 'settings',
              lazy: page(() => import('../features/settings/SettingsLayout'), 'SettingsLayout'),
              children: [
                { index: true, element: <Navigate to="/settings/company" replace /> },
                {
                  path: 'company',
                  lazy: page(() => import('../features/settings/CompanySettings'), 'CompanySettings'),
                },
                {
                  path: 'users',
                  lazy: page(() => import('../features/settings/UsersSettings'), 'UsersSettings'),
                },
                {
                  path: 'teams',
                  lazy: page(() => import('../features/settings/TeamsSettings'), 'TeamsSettings'),
                },
                {
                  path: 'units',
                  lazy: page(() => import('../features/settings/UnitsSettings'), 'UnitsSettings'),
                },
                {
                  path: 'roles',
                  lazy: page(() => import('../features/settings/RolesSettings'), 'RolesSettings'),
                },
                {
                  path: 'objects',
                  lazy: page(() => import('../features/settings/ObjectsSettings'), 'ObjectsSettings'),
                },
                {
                  path: 'objects/:object',
                  lazy: page(() => import('../features/settings/FieldsSettings'), 'FieldsSettings'),
                },
                {
                  path: 'pipelines',
                  lazy: page(() => import('../features/settings/PipelinesSettings'), 'PipelinesSettings'),
                },
                {
                  path: 'layouts',
                  lazy: page(() => import('../features/settings/LayoutsSettings'), 'LayoutsSettings'),
                },
                {
                  path: 'workflows',
                  lazy: page(() => import('../features/automation/WorkflowsSettings'), 'WorkflowsSettings'),
                },
                {
                  path: 'sequences',
                  lazy: page(() => import('../features/automation/SequencesSettings'), 'SequencesSettings'),
                },
              ],
            },
            {
              path: ':object/import',
              lazy: page(() => import('../features/imports/ImportPage'), 'ImportPage'),
            },
            {
              path: ':object',
              lazy: page(() => import('../features/records/ObjectListPage'), 'ObjectListPage'),
            },
            { path: ':object/:id', lazy: page(() => import('../features/records/RecordPage'), 'RecordPage') },
          ],
        },
      ],
    },
  ]);
}
