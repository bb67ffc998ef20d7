/** How many leading bytes `sniffMediaType` needs to tell every type it knows. */
export const SNIFF_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: readonly number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * The media type the first bytes of a file show, or null when they match none we accept:
 * ISO base media (`ftyp` box: MP4, or QuickTime with the `qt  ` brand), EBML (WebM), Ogg,
 * PNG, JPEG, WebP and FITS. What a client declares is checked against this, not trusted.
 */
export function sniffMediaType(head: Uint8Array): string | null {
  if (startsWith(head, ascii('ftyp'), 4))
    return startsWith(head, ascii('qt  '), 8) ? 'video/quicktime' : 'video/mp4';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (startsWith(head, ascii('OggS'))) return 'video/ogg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('SIMPLE  ='))) return 'application/fits';
  return null;
}

/** MP4 and QuickTime share the container: either may carry the other's brand. */
const SAME_CONTAINER: Record<string, string> = {
  'video/mp4': 'iso-bmff',
  'video/quicktime': 'iso-bmff',
  'application/fits': 'fits',
  'image/fits': 'fits',
};

/** Whether bytes sniffed as `sniffed` may be served as the `declared` type. */
export function matchesDeclaredType(declared: string, sniffed: string | null): boolean {
  // Octet-stream promises nothing about the content; a policy accepting it checks it itself.
  if (declared === 'application/octet-stream') return true;
  if (sniffed === null) return false;
  if (declared === sniffed) return true;
  const family = SAME_CONTAINER[declared];
  return family !== undefined && family === SAME_CONTAINER[sniffed];
}

/** `Video/MP4; codecs="avc1"` → `video/mp4`. */
export const normalizeMediaType = (value: string): string =>
  value.split(';')[0]!.trim().toLowerCase();
