/** Query parameters that carry credentials (VO clients can only send an API key as `?key=`). */
const SECRET_PARAMS = /^(key|api_?key|token|access_?token|refresh_?token|secret|password)$/i;

/** Paths whose segment is itself a credential: calendar feeds' `/calendars/<token>.ics`. */
const SECRET_PATHS = /^(\/calendars\/)[^/?#]+?(\.ics)?(?=$|[?#])/i;

/**
 * The URL as logs may show it: the values of credential parameters, and the token of a secret
 * path, replaced by `[REDACTED]`.
 */
export function redactUrl(url: string): string {
  const redacted = url.replace(SECRET_PATHS, '$1[REDACTED]$2');
  const q = redacted.indexOf('?');
  if (q < 0) return redacted;
  return redactQuery(redacted, q);
}

function redactQuery(url: string, q: number): string {
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed escape names no parameter we know; keep it as it came.
      }
      return eq >= 0 && SECRET_PARAMS.test(decoded) ? `${name}=[REDACTED]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}
