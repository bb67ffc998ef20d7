/**
 * An API key sent as HTTP Basic credentials (what xAPI clients speak): `lk_<prefix>` as the user
 * name and the rest of the key as the password, or the whole key as the password. Undefined when
 * the header is not Basic or not of that shape.
 */
export function apiKeyOfBasic(authorization: string): string | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return password.startsWith('lk_') ? password : `${user}_${password}`;
}
