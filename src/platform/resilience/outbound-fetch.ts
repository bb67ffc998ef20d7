import { dependencyUnavailable } from '../errors/index.js';
import type { Breaker } from './circuit-breaker.js';

export interface OutboundOptions {
  /** Deadline for the whole exchange, headers and body; the request is aborted after it. */
  timeoutMs: number;
  /** The dependency's breaker: 5xx, 429, timeouts and network errors count against it. */
  breaker?: Breaker;
}

/** A response that counts as a failure for the breaker but is still handed to the caller. */
class FailedResponse extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

const countsAsFailure = (status: number) => status >= 500 || status === 429;

/**
 * `fetch` for calls leaving the process: always with a deadline, optionally through a circuit
 * breaker. Resolves with the response whatever its status (callers decide what a 4xx means);
 * rejects with a `dependency_unavailable` AppError on timeout, network failure or open breaker.
 */
export async function outboundFetch(
  url: string | URL,
  init: RequestInit = {},
  { timeoutMs, breaker }: OutboundOptions,
): Promise<Response> {
  const target = new URL(url);
  const what = breaker?.name ?? target.host;
  // The deadline signal stays attached after fetch resolves, so reading the body is bounded too.
  const deadline = AbortSignal.timeout(timeoutMs);
  const send = async (breakerSignal?: AbortSignal) => {
    const signals = [deadline, init.signal, breakerSignal].filter((s): s is AbortSignal => !!s);
    try {
      return await fetch(target, { ...init, signal: AbortSignal.any(signals) });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      if (breakerSignal?.aborted) throw error;
      const timedOut = deadline.aborted;
      throw dependencyUnavailable(what, {
        cause: error,
        details: [
          {
            message: timedOut ? `timed out after ${timeoutMs} ms` : 'request failed',
            reason: timedOut ? 'timeout' : 'network',
          },
        ],
      });
    }
  };
  if (!breaker) return send();
  try {
    return await breaker.run(async (signal) => {
      const response = await send(signal);
      if (countsAsFailure(response.status)) throw new FailedResponse(response);
      return response;
    });
  } catch (error) {
    if (error instanceof FailedResponse) return error.response;
    throw error;
  }
}
