// Every domain module, registered under /api/v1. Add a module here once; it owns its routes.
import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/routes';
import { accountRoutes } from './auth/accountRoutes';
import { userRoutes } from './users/routes';
import { teamRoutes } from './teams/routes';
import { unitRoutes } from './units/routes';
import { roleRoutes } from './roles/routes';
import { apiKeyRoutes } from './apiKeys/routes';
import { sessionRoutes } from './sessions/routes';
import { setupRoutes } from './setup/routes';
import { workspaceRoutes } from './workspace/routes';
import { auditLogRoutes } from './auditLog/routes';
import { searchRoutes } from './search/routes';
import { emailRoutes } from './email/routes';
import { emailPublicRoutes } from './email/publicRoutes';
import { webhookRoutes } from './webhooks/routes';
import { workflowRoutes } from './workflows/routes';
import { sequenceRoutes } from './sequences/routes';
import { approvalRoutes } from './approvals/routes';
import { scoringRoutes } from './scoring/routes';
import { formRoutes } from './forms/routes';
import { formPublicRoutes } from './forms/publicRoutes';
import { recordsModule } from './records/routes/recordsPlugin';
import { reportRoutes } from './reports/routes';
import { importRoutes } from './imports/routes';
import { exportRoutes } from './exports/routes';
import { duplicateRoutes } from './duplicates/routes';

export const modules: FastifyPluginAsync[] = [
  authRoutes,
  accountRoutes,
  userRoutes,
  teamRoutes,
  unitRoutes,
  roleRoutes,
  apiKeyRoutes,
  sessionRoutes,
  setupRoutes,
  workspaceRoutes,
  auditLogRoutes,
  emailRoutes,
  emailPublicRoutes,
  webhookRoutes,
  workflowRoutes,
  sequenceRoutes,
  approvalRoutes,
  scoringRoutes,
  formRoutes,
  formPublicRoutes,
  searchRoutes,
  recordsModule,
  reportRoutes,
  importRoutes,
  exportRoutes,
  duplicateRoutes,
];
