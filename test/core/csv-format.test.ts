import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/io/csv-format.js';

describe('formatCsv', () => {
  it('quotes only cells that need it', () => {
    expect(formatCsv([['a', 'b,c', 'say "hi"', 'two\nlines', '', 'Hòa Bình']])).toBe('a,"b,c","say ""hi""","two\nlines",,Hòa Bình\n');
    expect(formatCsv([])).toBe('');
  });

  it('writes what csv-stringify writes, and csv-parse reads it back unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', 'đ', ',', '"', '\n', '\r', ' ', '1') }), { minLength: 2, maxLength: 5 }), { maxLength: 20 }),
        (rows) => {
          const text = formatCsv(rows);
          expect(text).toBe(stringify(rows));
          if (rows.length > 0) expect(parse(text, { relax_column_count: true })).toEqual(rows);
        },
      ),
    );
  });
});
