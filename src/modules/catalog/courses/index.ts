import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';

export async function registerCourses(_app: FastifyInstance, _deps: CatalogDeps): Promise<void> {}
