/** Query parameters that carry credentials (VO clients can only send an API key as `?key=`). */
const SECRET_PARAMS = /^(key|api_?key|token|access_?token|refresh_?token|secret|password)$/i;

/** The URL as logs may show it: the values of credential parameters replaced by `[REDACTED]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
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
