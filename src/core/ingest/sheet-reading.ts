import type { IngestField } from './fields.js';
import { type Header, type SourceRow, columnLetter } from './header.js';
import { type RawCellValue, rawCellText, textValue } from './values.js';

/**
 * How one sheet's rows are read once its header is found: the header, the
 * column of each field, and the accessors that repair legacy text as cells
 * are read. Made once per sheet and shared by row kinds, household cells and
 * household blocks, whose per-row functions take its members into closures.
 */
export interface SheetReading {
  readonly header: Header;
  /** Column of each field used. */
  readonly column: ReadonlyMap<IngestField, number>;
  /** The context's legacy-text repair (TCVN3, VNI), or the text unchanged when it needs none. */
  readonly fix: (text: string) => string;
  /** A field's cell, its text repaired; null when the sheet has no such column. */
  readonly get: (row: SourceRow, field: IngestField) => RawCellValue;
  /** A field's cell as text, the empty markers read as empty. */
  readonly text: (row: SourceRow, field: IngestField) => string;
  /** A field's column heading as shown to users, or its letter when it has none. */
  readonly heading: (field: IngestField) => string;
  /** A row's cells as text, repaired: what a reject shows. */
  readonly raw: (row: SourceRow) => string[];
}

export function createSheetReading(header: Header, fixText: ((text: string) => string) | null): SheetReading {
  const column = header.fields;
  // Text is repaired as it is read: whole rows until the header is found (the
  // header and title need it), then only the cells a household is built from.
  const fix = fixText ?? ((text: string) => text);
  const get = (row: SourceRow, field: IngestField): RawCellValue => {
    const at = column.get(field);
    if (at === undefined) return null;
    const value = row.cells[at] ?? null;
    return typeof value === 'string' && fixText !== null ? fixText(value) : value;
  };
  const text = (row: SourceRow, field: IngestField) => textValue(get(row, field));
  const heading = (field: IngestField) => header.columns[column.get(field)!]!.heading || columnLetter(column.get(field)!);
  const raw = (row: SourceRow) => row.cells.map((c) => fix(rawCellText(c)));
  return { header, column, fix, get, text, heading, raw };
}

/** Wraps a function of one value so that the same value as last time gets the last answer without work. */
export function lastValue<T, R>(compute: (value: T) => R): (value: T) => R {
  let last: T | undefined;
  let answer: R | undefined;
  let known = false;
  return (value) => {
    if (!known || value !== last) {
      answer = compute(value);
      last = value;
      known = true;
    }
    return answer as R;
  };
}
