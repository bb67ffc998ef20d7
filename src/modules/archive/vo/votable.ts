/** A hand-written VOTable 1.3 (TABLEDATA) writer: just what the VO endpoints answer. */

export type VoDatatype = 'char' | 'unicodeChar' | 'boolean' | 'short' | 'int' | 'long' | 'double';

export interface VoField {
  name: string;
  /** An XML ID, for names (like SIA's INPUT:POS) that are not valid IDs themselves. */
  id?: string;
  datatype: VoDatatype;
  /** `*` for strings and variable-length arrays. */
  arraysize?: string;
  ucd?: string;
  utype?: string;
  unit?: string;
  description?: string;
}

export type VoCell = string | number | boolean | null | undefined | readonly number[];

export interface VoInfo {
  name: string;
  value: string;
  /** Text content of the INFO element (DALI puts the error message here). */
  content?: string;
}

export interface VoParam extends VoField {
  value: string;
}

export interface VoTableDocument {
  /** INFO elements directly under VOTABLE (SCS errors live here). */
  infos?: VoInfo[];
  /** Omitted for an error document without a result table. */
  resource?: {
    infos?: VoInfo[];
    params?: VoParam[];
    /** Without fields there is no TABLE (an error document). */
    fields?: VoField[];
    rows?: readonly (readonly VoCell[])[];
    /** INFO elements after the table (DALI's QUERY_STATUS=OVERFLOW). */
    trailingInfos?: VoInfo[];
  };
}

// XML 1.0 forbids these control characters even as character references.
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is being removed
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text or attribute content, escaped for XML (quotes too, so it fits in either). */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** One cell's text: empty for null (VOTable 1.3 reads an empty cell as null for every type). */
export function cellText(value: VoCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  if (typeof value === 'string') return escapeXml(value);
  return value.filter(Number.isFinite).map(String).join(' ');
}

function attributes(pairs: Record<string, string | undefined>): string {
  return Object.entries(pairs)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

function fieldAttributes(field: VoField): string {
  return attributes({
    ID: field.id,
    name: field.name,
    datatype: field.datatype,
    arraysize: field.arraysize ?? (field.datatype === 'char' ? '*' : undefined),
    ucd: field.ucd,
    utype: field.utype,
    unit: field.unit,
  });
}

function describe(description: string | undefined): string {
  return description === undefined ? '' : `<DESCRIPTION>${escapeXml(description)}</DESCRIPTION>`;
}

function info({ name, value, content }: VoInfo): string {
  const attrs = attributes({ name, value });
  return content === undefined ? `<INFO${attrs}/>` : `<INFO${attrs}>${escapeXml(content)}</INFO>`;
}

/** The whole document as one string (results are bounded by MAXREC, so it stays small). */
export function writeVotable(doc: VoTableDocument): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  ];
  for (const i of doc.infos ?? []) out.push(info(i));
  const resource = doc.resource;
  if (resource) {
    out.push('<RESOURCE type="results">');
    for (const i of resource.infos ?? []) out.push(info(i));
    for (const p of resource.params ?? [])
      out.push(
        `<PARAM${fieldAttributes(p)}${attributes({ value: p.value })}>${describe(p.description)}</PARAM>`,
      );
    if (resource.fields) {
      out.push('<TABLE>');
      for (const f of resource.fields)
        out.push(`<FIELD${fieldAttributes(f)}>${describe(f.description)}</FIELD>`);
      out.push('<DATA><TABLEDATA>');
      for (const row of resource.rows ?? [])
        out.push(`<TR>${row.map((cell) => `<TD>${cellText(cell)}</TD>`).join('')}</TR>`);
      out.push('</TABLEDATA></DATA>', '</TABLE>');
    }
    for (const i of resource.trailingInfos ?? []) out.push(info(i));
    out.push('</RESOURCE>');
  }
  out.push('</VOTABLE>', '');
  return out.join('\n');
}
