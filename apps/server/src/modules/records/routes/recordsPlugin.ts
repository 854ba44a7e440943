// Everything the record engine serves under /api/v1: objects, metadata, pipelines, saved views,
// the recycle bin and lead conversion. Registered once in modules/index.ts.
import type { FastifyPluginAsync } from 'fastify';
import { objectRoutes } from './objectRoutes';

export const recordsModule: FastifyPluginAsync = async (app) => {
  await app.register(objectRoutes);
};
