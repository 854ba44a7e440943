// Everything the record engine serves under /api/v1: objects, metadata, pipelines, saved views,
// the recycle bin and lead conversion. Registered once in modules/index.ts.
import type { FastifyPluginAsync } from 'fastify';
import { leadRoutes } from '../../leads/routes';
import { pipelineRoutes } from '../../pipelines/routes';
import { viewRoutes } from '../../views/routes';
import { objectRoutes } from './objectRoutes';
import { recycleBinRoutes } from './recycleBinRoutes';
import { schemaRoutes } from './schemaRoutes';

export const recordsModule: FastifyPluginAsync = async (app) => {
  await app.register(objectRoutes);
  await app.register(leadRoutes);
  await app.register(schemaRoutes);
  await app.register(pipelineRoutes);
  await app.register(viewRoutes);
  await app.register(recycleBinRoutes);
};
