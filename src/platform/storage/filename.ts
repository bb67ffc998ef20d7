const MAX_LENGTH = 255;

/**
 * A filename safe to keep and to send back in `Content-Disposition`: the last path segment
 * only, without control characters or quotes, at most 255 characters.
 */
export function safeFilename(name: string | undefined, fallback = 'upload'): string {
  const last = (name ?? '').split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const cleaned = last.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const bounded = [...cleaned].slice(0, MAX_LENGTH).join('');
  return bounded === '' || bounded === '.' || bounded === '..' ? fallback : bounded;
}
