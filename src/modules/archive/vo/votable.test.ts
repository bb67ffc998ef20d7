import { describe, expect, it } from 'vitest';
import { cellText, escapeXml, writeVotable } from './votable.js';

describe('escapeXml', () => {
  it('should escape markup and quotes', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('should drop control characters XML cannot carry, keeping tabs and newlines', () => {
    expect(escapeXml('a\u0000b\u001Fc\td\ne\uFFFE')).toBe('abc\td\ne');
  });

  it('should keep other Unicode as it is', () => {
    expect(escapeXml('Ω Centauri – café')).toBe('Ω Centauri – café');
  });
});

describe('cellText', () => {
  it('should write null, undefined and non-finite numbers as empty cells', () => {
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map(cellText)).toEqual([
      '',
      '',
      '',
      '',
    ]);
  });

  it('should write numbers, booleans and arrays as VOTable text', () => {
    expect(cellText(0.25)).toBe('0.25');
    expect(cellText(1e-300)).toBe('1e-300');
    expect(cellText(true)).toBe('T');
    expect(cellText(false)).toBe('F');
    expect(cellText([8, 6, 3])).toBe('8 6 3');
  });
});

describe('writeVotable', () => {
  it('should write a VOTable 1.3 TABLEDATA document with escaped fields, params and cells', () => {
    const xml = writeVotable({
      resource: {
        infos: [{ name: 'QUERY_STATUS', value: 'OK' }],
        params: [
          {
            name: 'INPUT:POS',
            id: 'INPUT_POS',
            datatype: 'char',
            value: 'a<b',
            description: '"ra,dec"',
          },
        ],
        fields: [
          { name: 'title', datatype: 'char', ucd: 'VOX:Image_Title', description: 'x & y' },
          { name: 'naxis', datatype: 'int', arraysize: '*', unit: 'pix' },
        ],
        rows: [
          ['<M31>', [8, 6]],
          [null, null],
        ],
        trailingInfos: [{ name: 'QUERY_STATUS', value: 'OVERFLOW' }],
      },
    });
    expect(xml).toContain('<VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"');
    expect(xml).toContain(
      '<PARAM ID="INPUT_POS" name="INPUT:POS" datatype="char" arraysize="*" value="a&lt;b"><DESCRIPTION>&quot;ra,dec&quot;</DESCRIPTION></PARAM>',
    );
    expect(xml).toContain(
      '<FIELD name="title" datatype="char" arraysize="*" ucd="VOX:Image_Title"><DESCRIPTION>x &amp; y</DESCRIPTION></FIELD>',
    );
    expect(xml).toContain('<FIELD name="naxis" datatype="int" arraysize="*" unit="pix">');
    expect(xml).toContain('<TR><TD>&lt;M31&gt;</TD><TD>8 6</TD></TR>');
    expect(xml).toContain('<TR><TD></TD><TD></TD></TR>');
    // QUERY_STATUS OK opens the resource; OVERFLOW follows the table, as DALI asks.
    expect(xml.indexOf('value="OK"')).toBeLessThan(xml.indexOf('<TABLE>'));
    expect(xml.indexOf('value="OVERFLOW"')).toBeGreaterThan(xml.indexOf('</TABLE>'));
  });

  it('should write an error document: INFO content escaped and no TABLE', () => {
    const xml = writeVotable({
      resource: {
        infos: [{ name: 'QUERY_STATUS', value: 'ERROR', content: 'POS <bad> & "worse"' }],
      },
    });
    expect(xml).toContain(
      '<INFO name="QUERY_STATUS" value="ERROR">POS &lt;bad&gt; &amp; &quot;worse&quot;</INFO>',
    );
    expect(xml).not.toContain('<TABLE>');
  });

  it('should put document-level INFOs under VOTABLE (where SCS errors go)', () => {
    const xml = writeVotable({ infos: [{ name: 'Error', value: 'SR < 0' }], resource: {} });
    expect(xml).toMatch(
      /<VOTABLE[^>]*>\n<INFO name="Error" value="SR &lt; 0"\/>\n<RESOURCE type="results">/,
    );
  });
});
