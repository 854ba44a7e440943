// The workspace archive: POST /exports starts it (a background job, or this process when no queue
// runs here), GET /exports/{id} shows its state and downloadUrl, GET …/download streams the zip.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import { ctxOf } from '../../platform/context';
import { Conflict, NotFound } from '../../platform/errors';
import { filesRoot } from '../../platform/files/storage';
import { newId } from '../../platform/ids';
import { registerJob } from '../../platform/jobs/registry';
import { inBackground, settleInProcessRuns } from '../imports/startImport';
import { buildArchive } from './buildArchive';
import type { ExportsTable } from './tables';

export const ARCHIVE_JOB = 'exports.archive';
const tags = ['exports'];
const idParams = z.object({ id: z.string().uuid() }).strict();

const archiveDir = (dataDir: string, workspaceId: string) =>
  path.join(filesRoot(dataDir), 'exports', workspaceId);

registerJob({
  name: ARCHIVE_JOB,
  options: { expireInSeconds: 4 * 3600, retryLimit: 1 },
  async handler(raw, ctx) {
    const { workspaceId, importId } = z
      .object({ workspaceId: z.string().uuid(), importId: z.string().uuid() })
      .parse(raw);
    await runArchive(ctx.store, workspaceId, importId, ctx.config.dataDir);
    return { exportId: importId };
  },
});

async function runArchive(
  store: Parameters<typeof buildArchive>[0],
  workspaceId: string,
  id: string,
  dataDir: string,
) {
  try {
    await buildArchive(store, workspaceId, id, archiveDir(dataDir, workspaceId));
  } catch (err) {
    await store.db
      .updateTable('exports')
      .set({ status: 'failed', error: (err as Error).message.slice(0, 500), finished_at: clock.now() })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

const present = (e: { [K in keyof ExportsTable]: unknown }) => ({
  id: e.id,
  status: e.status,
  counts: e.counts,
  fileSize: e.file_size === null ? null : Number(e.file_size),
  error: e.error,
  downloadUrl: e.status === 'completed' ? `/api/v1/exports/${e.id}/download` : null,
  createdAt: new Date(e.created_at as Date).toISOString(),
  finishedAt: e.finished_at ? new Date(e.finished_at as Date).toISOString() : null,
});

export const archiveRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onClose', async () => settleInProcessRuns());

  const load = async (req: Parameters<typeof ctxOf>[0], id: string) => {
    const ctx = ctxOf(req);
    requireCapability(ctx.actor, 'exportData');
    requireCapability(ctx.actor, 'manageSettings');
    const row = await ctx.db
      .selectFrom('exports')
      .selectAll()
      .where('workspace_id', '=', ctx.workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new NotFound('No such export');
    return row;
  };

  r.post(
    '/exports',
    {
      schema: {
        tags,
        summary: 'Build an archive (zip) of the whole workspace',
        body: z.object({}).strict().optional(),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'exportData');
      requireCapability(ctx.actor, 'manageSettings');
      const id = newId();
      await ctx.db
        .insertInto('exports')
        .values({
          workspace_id: ctx.workspaceId,
          id,
          status: 'queued',
          file_path: null,
          file_size: null,
          error: null,
          created_by: ctx.actor.userId!,
          created_at: clock.now(),
        })
        .execute();
      await inBackground(
        ARCHIVE_JOB,
        { workspaceId: ctx.workspaceId, importId: id },
        () => runArchive(app.store, ctx.workspaceId, id, app.config.dataDir),
        req.log,
      );
      const row = await load(req, id);
      return reply.status(202).header('location', `/api/v1/exports/${id}`).send(present(row));
    },
  );

  r.get(
    '/exports/:id',
    { schema: { tags, summary: 'An archive: status and downloadUrl', params: idParams } },
    async (req) => present(await load(req, req.params.id)),
  );

  r.get(
    '/exports/:id/download',
    { schema: { tags, summary: 'Download a finished archive', params: idParams } },
    async (req, reply) => {
      const row = await load(req, req.params.id);
      if (row.status !== 'completed' || !row.file_path || !fs.existsSync(row.file_path))
        throw new Conflict(`The archive is ${row.status}`);
      const name = `rapport-export-${new Date(row.created_at).toISOString().slice(0, 10)}.zip`;
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(fs.createReadStream(row.file_path));
    },
  );
};
