// Every domain module, registered under /api/v1. Add a module here once; it owns its routes.
import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/routes';

export const modules: FastifyPluginAsync[] = [authRoutes];
