// Imports over HTTP: upload (multipart), progress, row errors, run a dry-run's file for real, undo.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCapability } from '../../platform/access/authorize';
import { ctxOf } from '../../platform/context';
import { decodeCursor, pageOf, pageQuery } from '../../platform/dispatch/pages';
import { AppError, NotFound, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { removeStoredFile, saveStream, type StoredFile, storedFilePath } from '../../platform/files/storage';
import { createImport } from './createImport';
import { loadImport } from './importRows';
import { presentImport, rowErrors } from './presentImport';
import { rerunImport } from './rerunImport';
import { settleInProcessRuns, startRun } from './startImport';
import { undoImport } from './undoImport';
import './importJobs';

const tags = ['imports'];
const idParams = z.object({ id: z.string().uuid() }).strict();

export const importRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onClose', async () => settleInProcessRuns());

  const answer = async (req: Parameters<typeof ctxOf>[0], id: string) => {
    const ctx = ctxOf(req);
    const row = await loadImport(ctx.db, ctx.workspaceId, id);
    if (!row) throw new NotFound('No such import');
    return presentImport(ctx, row);
  };

  r.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Import a CSV, TSV, XLSX or vCard file (multipart: file, object, options)',
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'importData');
      if (!req.isMultipart()) {
        throw new ValidationError(
          [{ field: 'file', message: 'Send multipart/form-data with the parts file, object and options' }],
          'An import is uploaded as multipart/form-data',
        );
      }
      const id = newId();
      const dest = storedFilePath(app.config.dataDir, 'imports', ctx.workspaceId, id);
      const parts: Record<string, string> = {};
      let file: StoredFile | null = null;
      let fileName = '';
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume(); // only one file, in the part named "file"
              continue;
            }
            fileName = part.filename ?? '';
            file = await saveStream(part.file, dest);
          } else if (typeof part.value === 'string') {
            parts[part.fieldname] = part.value;
          }
        }
      } catch (err) {
        if (file) await removeStoredFile(file.path);
        const e = err as { statusCode?: number; message?: string };
        if (err instanceof AppError || (e.statusCode && e.statusCode < 500)) throw err;
        // A cut-off or malformed multipart body is the client's problem, not a server error.
        throw new ValidationError(
          [{ field: 'file', message: `The upload is malformed: ${e.message ?? 'unreadable'}` }],
          'The upload is malformed',
        );
      }
      const created = await createImport(ctx, {
        id,
        object: parts.object,
        optionsJson: parts.options,
        file,
        fileName,
      });
      await startRun(app.store, req.log, ctx.workspaceId, id, created.totalRows, created.background);
      const body = await answer(req, id);
      const done = body.status === 'completed' || body.status === 'failed';
      return reply
        .status(done ? 201 : 202)
        .header('location', `/api/v1/imports/${id}`)
        .send(body);
    },
  );

  r.get(
    '/imports',
    { schema: { tags, summary: 'Recent imports, newest first', querystring: z.object(pageQuery).strict() } },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'importData');
      let q = ctx.db
        .selectFrom('imports')
        .selectAll()
        .where('workspace_id', '=', ctx.workspaceId)
        .orderBy('id', 'desc')
        .limit(req.query.limit + 1);
      if (req.query.after) q = q.where('id', '<', decodeCursor(req.query.after)!);
      const page = pageOf(await q.execute(), req.query.limit);
      return {
        data: await Promise.all(page.data.map((row) => presentImport(ctx, row))),
        nextCursor: page.nextCursor,
      };
    },
  );

  r.get(
    '/imports/:id',
    { schema: { tags, summary: 'One import: status, progress, counts, errors', params: idParams } },
    async (req) => {
      requireCapability(ctxOf(req).actor, 'importData');
      return answer(req, req.params.id);
    },
  );

  r.get(
    '/imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'Every row error of an import, by row',
        params: idParams,
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(1000).default(200),
            after: z
              .string()
              .regex(/^\d{1,9}\.\d{1,4}$/, 'Not a cursor from a previous page')
              .optional(),
          })
          .strict(),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      requireCapability(ctx.actor, 'importData');
      const row = await loadImport(ctx.db, ctx.workspaceId, req.params.id);
      if (!row) throw new NotFound('No such import');
      const after = req.query.after?.split('.').map(Number) as [number, number] | undefined;
      return rowErrors(ctx, row.id, req.query.limit, after ? { row: after[0], seq: after[1] } : undefined);
    },
  );

  r.post(
    '/imports/:id/run',
    {
      schema: {
        tags,
        summary: "Run a dry run's file again with new options (for real unless dryRun is true)",
        params: idParams,
        body: z.object({ options: z.record(z.string(), z.unknown()).optional() }).strict(),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { totalRows, background } = await rerunImport(ctx, req.params.id, req.body.options ?? {});
      await startRun(app.store, req.log, ctx.workspaceId, req.params.id, totalRows, background);
      const body = await answer(req, req.params.id);
      const done = body.status === 'completed' || body.status === 'failed';
      return reply.status(done ? 200 : 202).send(body);
    },
  );

  r.post(
    '/imports/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo an import: delete what it created, restore what it updated',
        params: idParams,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const how = await undoImport(ctx, app.store, req.log, req.params.id);
      return reply.status(how === 'done' ? 200 : 202).send(await answer(req, req.params.id));
    },
  );
};
