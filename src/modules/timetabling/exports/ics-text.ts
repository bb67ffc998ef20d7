/** RFC 5545 text: escapes a TEXT value (3.3.11). */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A whole iCalendar object from its content lines: folded, CRLF-terminated. */
export const icsDocument = (lines: string[]): string => `${lines.map(foldLine).join('\r\n')}\r\n`;

/** `2026-09-07` and `08:30` as a local DATE-TIME value, `20260907T083000`. */
export const localDateTime = (date: string, clock: string): string =>
  `${date.replace(/-/g, '')}T${clock.replace(':', '').padEnd(4, '0')}00`;

/** A UTC DATE-TIME value, `20260907T063000Z`. */
export const utcDateTime = (at: Date): string =>
  `${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
