import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, type TargetPolicy } from './ssrf-guard.js';

export interface WebhookResponse {
  statusCode: number | null;
  durationMs: number;
  /** Set when no response came back or it was not 2xx. */
  error: string | null;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a signed JSON body to a webhook endpoint with a hard timeout, refusing private addresses
 * at connect time. Never throws: the outcome is data, recorded as a delivery.
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: TargetPolicy; signal?: AbortSignal },
): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      resolve({ statusCode: null, durationMs: 0, error: 'invalid URL' });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        lookup: guardedLookup(url, options.policy) as never,
        timeout: options.timeoutMs,
        signal: options.signal,
      },
      (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The body is not used; stop reading a receiver that streams without end.
          if (received > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('close', () => {
          const status = res.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          resolve({
            statusCode: status,
            durationMs: elapsed(),
            error: ok ? null : `HTTP ${status}`,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', (err) =>
      resolve({ statusCode: null, durationMs: elapsed(), error: err.message }),
    );
    req.end(body);
  });
}
