declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Probes and scrapes (`/health`, `/ready`, `/metrics`): never rate limited nor shed under
     * load, so an orchestrator can always tell how the process is doing.
     */
    operational?: boolean;
  }
}

export const OPERATIONAL = { operational: true } as const;
