import type { FastifyReply } from 'fastify';
import { AppError } from '#platform/errors/index.js';
import type { NudgeDto } from './dto.js';
import type { NudgeStream } from './nudge-service.js';

/**
 * Runs a generation as Server-Sent Events. The stream opens with the first event, so that what
 * fails before it (unknown learner, cap reached) is an ordinary JSON error.
 */
export async function streamNudge(
  reply: FastifyReply,
  generate: (stream: NudgeStream) => Promise<NudgeDto>,
): Promise<void> {
  let open = false;
  const send = (event: string, data: unknown) => {
    if (!open) {
      open = true;
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-request-id': String(reply.request.id),
      });
    }
    reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  try {
    const nudge = await generate({
      delta: (text) => send('delta', { text }),
      replace: (text) => send('replace', { text }),
    });
    send('done', nudge);
    reply.raw.end();
  } catch (error) {
    if (!open) throw error;
    const code = error instanceof AppError ? error.code : 'INTERNAL_ERROR';
    reply.log.error({ err: error }, 'nudge stream failed');
    send('error', { code });
    reply.raw.end();
  }
}
