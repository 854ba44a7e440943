// Workspace settings: every signed-in user reads them (the web app formats money, dates and the
// fiscal year with them); changing them needs the manageSettings capability.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { writeAudit } from '../../platform/audit/writeAudit';
import { ctxOf } from '../../platform/context';
import { displayName } from '../users/userFields';
import { currencyCode, fiscalMonth, localeCode, timeZoneName } from './localeFields';
import { loadWorkspace, presentWorkspace } from './presentWorkspace';

const settingsPatch = z
  .object({
    name: displayName(200),
    currency: currencyCode,
    timeZone: timeZoneName,
    locale: localeCode,
    fiscalYearStartMonth: fiscalMonth,
    recycleBinRetentionDays: z.number().int().min(1).max(3650),
  })
  .partial()
  .strict();

export const workspaceRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['workspace'];

  r.get('/workspace', { schema: { tags, summary: 'Workspace settings' } }, async (req) => {
    const ctx = ctxOf(req);
    return presentWorkspace(await loadWorkspace(ctx.db, ctx.workspaceId));
  });

  r.patch(
    '/workspace',
    { schema: { tags, summary: 'Change workspace settings (manageSettings)', body: settingsPatch } },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'manageSettings');
      const b = req.body;
      return ctx.db.transaction().execute(async (tx) => {
        const before = presentWorkspace(await loadWorkspace(tx, ctx.workspaceId));
        const set = {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.currency !== undefined ? { currency: b.currency } : {}),
          ...(b.timeZone !== undefined ? { time_zone: b.timeZone } : {}),
          ...(b.locale !== undefined ? { locale: b.locale } : {}),
          ...(b.fiscalYearStartMonth !== undefined
            ? { fiscal_year_start_month: b.fiscalYearStartMonth }
            : {}),
        };
        if (Object.keys(set).length)
          await tx.updateTable('workspaces').set(set).where('id', '=', ctx.workspaceId).execute();
        if (b.recycleBinRetentionDays !== undefined) {
          // One key of the settings document; other domains keep their own keys beside it.
          await tx
            .updateTable('workspaces')
            .set({
              settings: sql`settings || ${JSON.stringify({ recycleBinRetentionDays: b.recycleBinRetentionDays })}::jsonb`,
            })
            .where('id', '=', ctx.workspaceId)
            .execute();
        }
        const after = presentWorkspace(await loadWorkspace(tx, ctx.workspaceId));
        const changes = Object.fromEntries(
          Object.keys(b)
            .filter((k) => before[k as keyof typeof before] !== after[k as keyof typeof after])
            .map((k) => [k, { from: before[k as keyof typeof before], to: after[k as keyof typeof after] }]),
        );
        if (Object.keys(changes).length) {
          await writeAudit(tx, ctx.actor, {
            action: 'workspace.updated',
            targetType: 'workspace',
            targetId: ctx.workspaceId,
            details: { changes },
          });
        }
        return after;
      });
    },
  );
};
