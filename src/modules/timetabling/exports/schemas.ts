import { Type } from 'typebox';

const text = { schema: { type: 'string' } };
const binary = { schema: { type: 'string', format: 'binary' } };

/** A schedule export as OpenAPI documents it (the handler sends the text or bytes itself). */
export const ExportFileResponse = Type.Unsafe<string | Buffer>({
  description: 'the file, as `format` asks (sent as an attachment)',
  content: {
    'application/json': text,
    'text/csv': text,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': binary,
    'text/calendar': text,
    'text/plain': text,
  },
});

/** The zip of a term's export. */
export const ZipResponse = Type.Unsafe<Buffer>({
  description: 'a zip archive',
  content: { 'application/zip': binary },
});

/** A calendar feed's body. */
export const CalendarResponse = Type.Unsafe<string>({
  description: 'an iCalendar object (RFC 5545)',
  content: { 'text/calendar': text },
});
