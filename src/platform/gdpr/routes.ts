import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { UserIdParams, UserSchema } from '#platform/users/schemas.js';
import { UserExportSchema } from './schemas.js';
import type { GdprService } from './service.js';

export const gdprRoutes: FastifyPluginAsyncTypebox<{ service: GdprService }> = async (
  app,
  { service },
) => {
  app.get(
    '/users/:id/export',
    {
      config: { permission: ['account:read', 'users:manage'] },
      schema: {
        tags: ['users'],
        summary: 'Export everything held about a user (GDPR access)',
        description:
          "Yourself, or anyone with `users:manage`. The account, every session (no tokens), API keys (no secrets), audit rows by or about the user, their jobs and uploaded files, and each module's part under `modules.<name>`, read in one transaction. Audited as `user.exported`.",
        params: UserIdParams,
        response: { 200: Envelope(UserExportSchema), ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => ok(await service.export(request.principal, request.params.id)),
  );

  app.post(
    '/users/:id/erase',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: "Erase a user's personal data (GDPR erasure)",
        description:
          'Admins only. In one transaction: every module erases or anonymises what it holds (the catalog deletes enrolments, progress and quiz attempts, keeps review ratings without their text, removes instructorships), sessions and API keys are deleted and end in every process before this answers, and the account row stays anonymised (placeholder email, no name, no password) and disabled. Answers with the anonymised user. Erasing an erased user changes nothing more and answers the same. The last enabled admin cannot be erased (409 `LAST_ADMIN`). Audited as `user.erased`; a `user.erased` event carries only the id.',
        params: UserIdParams,
        response: { 200: Envelope(UserSchema), ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => ok(await service.erase(request.principal, request.params.id)),
  );
};
