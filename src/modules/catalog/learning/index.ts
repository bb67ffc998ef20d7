import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';

export async function registerLearning(_app: FastifyInstance, _deps: CatalogDeps): Promise<void> {}
