import type { FastifyInstance } from 'fastify';
import type { CatalogDeps } from '../deps.js';

export async function registerMedia(_app: FastifyInstance, _deps: CatalogDeps): Promise<void> {}
