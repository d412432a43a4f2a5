import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSplitError, CsvSplitter } from '../../src/io/csv-splitter.js';
import { formatCsv } from '../../src/io/csv-format.js';
import { NfcStream } from '../../src/io/csv-source.js';

/** csv-parse with the options povroll used to read rolls with: the reference. */
const reference = (text: string, delimiter: string) =>
  parse(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as string[][];

/** The splitter fed `text` in pieces cut at `cuts`. */
function split(text: string, delimiter: string, cuts: number[] = []): string[][] {
  const splitter = new CsvSplitter(delimiter);
  const records: string[][] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    records.push(...splitter.push(text.slice(from, Math.max(from, cut))));
    from = Math.max(from, cut);
  }
  records.push(...splitter.push(text.slice(from)));
  records.push(...splitter.finish());
  return records;
}

describe('CsvSplitter', () => {
  it('splits the cases office exports hold as csv-parse does', () => {
    const cases = [
      'a,b\n\nc,d\n',
      'a,b',
      'a,"b"',
      'ab"c,d\n',
      '"ab"c,d\n',
      '"a""b",x\n',
      'a,"b\nc",d\n',
      'a,b\r\nc\r\n\r\n',
      'a,\n',
      ',\n',
      'Thôn "Mới",2\n',
      'a\rb\r',
    ];
    for (const text of cases) expect(split(text, ','), JSON.stringify(text)).toEqual(reference(text, ','));
    expect(split('"a""b",x\n', ',')).toEqual([['a"b', 'x']]);
  });

  it('gives csv-parse’s records for any table, however the text is cut into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'đ', ',', ';', '"', '\n', '\r', ' ', '1'), maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(200), { maxLength: 6 }), fc.boolean(), (rows, cuts, crlf) => {
        // Written as a spreadsheet program writes CSV, so both readers must agree exactly.
        const lineEnd = crlf ? '\r\n' : '\n';
        const text = rows.map((row) => formatCsv([row]).slice(0, -1)).join(lineEnd) + lineEnd;
        expect(split(text, ',', cuts)).toEqual(reference(text, ','));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps stray quotes inside unquoted cells as text, as csv-parse with relax_quotes does', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '"', ' '), maxLength: 5 }).filter((c) => !c.startsWith('"'));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(60), { maxLength: 4 }),
        (rows, cuts) => {
          const text = rows.map((r) => r.join(';')).join('\n') + '\n';
          expect(split(text, ';', cuts)).toEqual(reference(text, ';'));
        },
      ),
    );
  });

  it('reports the record whose quoted cell never closes', () => {
    // Whole or cut in pieces, it must throw, and name record 3: no assertion waits in a catch that may never run.
    for (const cuts of [[], [5, 14]]) {
      const unclosed = () => split('h1,h2\nM1,1\nM2,"open\nM3,3\n', ',', cuts);
      expect(unclosed).toThrow(CsvSplitError);
      expect(unclosed).toThrow(expect.objectContaining({ record: 3 }));
    }
  });

  it('reads one huge quoted cell fed in small chunks in linear time', () => {
    const big = 'a'.repeat(4_000_000);
    const text = `h\n"${big}"\n`;
    const splitter = new CsvSplitter(',');
    const records: string[][] = [];
    const started = performance.now();
    for (let at = 0; at < text.length; at += 4096) records.push(...splitter.push(text.slice(at, at + 4096)));
    records.push(...splitter.finish());
    expect(records.map((r) => r[0]!.length)).toEqual([1, big.length]);
    // Quadratic re-splitting would take minutes here; linear takes milliseconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('NfcStream', () => {
  it('composes decomposed Vietnamese however the text is cut, even between a letter and its marks', () => {
    const text = 'Hộ nghèo,Xã Hòa Bình,Nguyễn Thị Ưởng\n'.normalize('NFD');
    for (let cut = 0; cut <= text.length; cut += 1) {
      const stream = new NfcStream();
      const out = stream.push(text.slice(0, cut)) + stream.push(text.slice(cut)) + stream.finish();
      expect(out).toBe(text.normalize('NFC'));
    }
  });
});
