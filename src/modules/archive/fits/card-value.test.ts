import { describe, expect, it } from 'vitest';
import { CardValueError, formatValue, parseValueField } from './card-value.js';

describe('parseValueField', () => {
  it('should read strings with doubled quotes and drop trailing blanks only', () => {
    expect(parseValueField(" 'O''Brien  '  / who")).toEqual({ value: "O'Brien", comment: 'who' });
    expect(parseValueField("'  lead'")).toEqual({ value: '  lead', comment: '' });
    expect(parseValueField("''")).toEqual({ value: '', comment: '' });
  });

  it('should read logicals, integers, bigints and floats with D exponents', () => {
    expect(parseValueField('                   T / yes').value).toBe(true);
    expect(parseValueField('                   F').value).toBe(false);
    expect(parseValueField('                 -42 / n').value).toBe(-42);
    expect(parseValueField('  9223372036854775807').value).toBe(9223372036854775807n);
    expect(parseValueField(' -9223372036854775808').value).toBe(-9223372036854775808n);
    expect(parseValueField('   1.5D+03').value).toBe(1500);
    expect(parseValueField('   -2.5d-2').value).toBe(-0.025);
    expect(parseValueField('   .5E1').value).toBe(5);
    expect(parseValueField('   3.').value).toBe(3);
  });

  it('should read complex values and undefined values', () => {
    expect(parseValueField(' (1.5, -2.0D1) / z').value).toEqual({ re: 1.5, im: -20 });
    expect(parseValueField('                     / nothing')).toEqual({
      value: null,
      comment: 'nothing',
    });
    expect(parseValueField('      ').value).toBeNull();
  });

  it('should mark strings ending in & as continued', () => {
    expect(parseValueField("'abc&'")).toEqual({ value: 'abc', comment: '', continued: true });
  });

  it('should reject values it cannot read', () => {
    expect(() => parseValueField("'unterminated")).toThrow(CardValueError);
    expect(() => parseValueField(' 12abc')).toThrow(/cannot read value "12abc"/);
    expect(() => parseValueField("'x' junk")).toThrow(/unexpected text/);
    expect(() => parseValueField(' (1, 2')).toThrow(/closing parenthesis/);
    expect(() => parseValueField(' (1, a)')).toThrow(/complex/);
  });

  it('should round-trip what formatValue writes', () => {
    for (const v of [true, false, 0, -7, 123456789, 1.25e-7, -3.5, "it's", 2n ** 63n]) {
      expect(parseValueField(formatValue(v)).value).toEqual(v);
    }
  });
});
