import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the server answers one chat-completions request. */
export type FakeAnswer =
  | {
      kind: 'text';
      text: string;
      delayMs?: number;
      promptTokens?: number;
      completionTokens?: number;
    }
  | { kind: 'status'; status: number; delayMs?: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with `content: null` (a tool call, say): not text. */
  | { kind: 'no-text' }
  /** Never answers (until the server closes). */
  | { kind: 'hang' };

export interface ReceivedRequest {
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    max_tokens?: number;
    stream?: boolean;
  };
}

export interface OpenAiServer {
  /** The base URL to give the SDK (`…/v1`). */
  url: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; after them, `fallback`. */
  enqueue(...answers: FakeAnswer[]): void;
  /** The answer once the queue is empty (default: a short text built from the last message). */
  setDefault(answer: FakeAnswer | ((req: ReceivedRequest) => FakeAnswer)): void;
  close(): Promise<void>;
}

const defaultAnswer = (req: ReceivedRequest): FakeAnswer => ({
  kind: 'text',
  text: `Keep going: ${(req.body.messages.at(-1)?.content ?? '').slice(0, 60)}`,
});

/**
 * A small OpenAI-compatible server on 127.0.0.1 (`POST /v1/chat/completions`, with and without
 * `stream`, usage fields), whose answers tests choose: text, an HTTP status, slowness, a body
 * that is not JSON, no text at all. The real `openai` SDK talks to it over real HTTP.
 */
export async function startOpenAiServer(): Promise<OpenAiServer> {
  const queue: FakeAnswer[] = [];
  let fallback: FakeAnswer | ((req: ReceivedRequest) => FakeAnswer) = defaultAnswer;
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const received: ReceivedRequest = {
      authorization: req.headers.authorization,
      body: JSON.parse(await readBody(req)),
    };
    requests.push(received);
    const answer =
      queue.shift() ?? (typeof fallback === 'function' ? fallback(received) : fallback);
    await respond(answer, received, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    setDefault: (answer) => {
      fallback = answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function respond(answer: FakeAnswer, req: ReceivedRequest, res: ServerResponse) {
  if (answer.kind === 'hang') return;
  if ('delayMs' in answer && answer.delayMs) await sleep(answer.delayMs);
  if (res.destroyed) return;
  if (answer.kind === 'status') {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error: { message: `status ${answer.status}`, type: 'server_error' } }),
    );
    return;
  }
  if (answer.kind === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id": "chatcmpl-1", "choices": [');
    return;
  }
  const text = answer.kind === 'text' ? answer.text : null;
  const usage = {
    prompt_tokens:
      (answer.kind === 'text' ? answer.promptTokens : undefined) ??
      Math.ceil(JSON.stringify(req.body.messages).length / 4),
    completion_tokens:
      (answer.kind === 'text' ? answer.completionTokens : undefined) ??
      Math.ceil((text ?? '').length / 4),
  };
  const base = {
    id: 'chatcmpl-test',
    created: Math.floor(Date.now() / 1000),
    model: req.body.model,
  };
  if (!req.body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const pieces = (text ?? '').split(/(?<= )/);
  for (const piece of pieces) {
    send({
      ...base,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
    });
    await sleep(1);
  }
  send({
    ...base,
    object: 'chat.completion.chunk',
    choices: [],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
  res.end('data: [DONE]\n\n');
}
