import { type HeadingOverrides, type IngestField, matchHeading } from './fields.js';
import { type RawCellValue, rawCellText } from './values.js';

/** A spreadsheet row as the readers give it. */
export interface SourceRow {
  row: number;
  cells: RawCellValue[];
}

export interface HeaderColumn {
  index: number;
  /** The heading as shown to users: group headings and the column's own, joined with " / ". */
  heading: string;
  field: IngestField | null | undefined;
  /** Why a column matched but is not used, e.g. a second column for the same field. */
  unusedBecause?: string;
}

export interface Header {
  /** Positions of the header rows in the rows searched. */
  first: number;
  last: number;
  columns: HeaderColumn[];
  /** Column of each field used. */
  fields: Map<IngestField, number>;
  /** The header rows' cell texts, to recognise the header when a page break repeats it. */
  texts: string[][];
}

/** How many rows from the top a header may start at; real rolls start it at rows 2 to 10 (docs/roll.md). */
export const HEADER_SEARCH_ROWS = 40;
const ANCHORS: readonly IngestField[] = ['household_id', 'head_name', 'person_name', 'stt'];

/**
 * Finds the table header: one, two or three consecutive rows whose headings,
 * merged top-down, name the most fields. A header needs at least three
 * fields, one of them identifying households (code, head, name or STT).
 */
export function findHeader(rows: readonly SourceRow[], overrides: HeadingOverrides): Header | null {
  let best: { header: Header; score: number } | null = null;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let first = 0; first < limit; first += 1) {
    if (textCells(rows[first]!) < 2) continue;
    for (let depth = 1; depth <= 3 && first + depth <= rows.length; depth += 1) {
      const block = rows.slice(first, first + depth);
      if (depth > 1 && block[depth - 1]!.row !== block[depth - 2]!.row + 1) break;
      const header = headerOf(block, first, overrides);
      const score = header.fields.size;
      if (score < 3 || !ANCHORS.some((a) => header.fields.has(a))) continue;
      // On a tie within the same rows, the later, shallower block wins: a title row
      // above the header (or the numbering row below it) adds no field and must not
      // join it. A header repeated further down does not displace the first.
      const overlaps = best !== null && first <= best.header.last;
      const shallower = best !== null && first + depth - 1 <= best.header.last;
      const better =
        best === null ||
        score > best.score ||
        (score === best.score && overlaps && shallower && (first > best.header.first || depth < best.header.last - best.header.first + 1));
      if (better) best = { header, score };
    }
  }
  return best?.header ?? null;
}

function textCells(row: SourceRow): number {
  let count = 0;
  for (const cell of row.cells) if (typeof cell === 'string' && cell.trim() !== '') count += 1;
  return count;
}

/** Merges header rows into one heading per column and matches each heading to a field. */
function headerOf(block: readonly SourceRow[], first: number, overrides: HeadingOverrides): Header {
  const width = Math.max(...block.map((r) => r.cells.length));
  const grid = block.map((r) => Array.from({ length: width }, (_, c) => rawCellText(r.cells[c] ?? null)));
  // A merged group heading holds its text in its first cell only: carry it right
  // over the columns that have a sub-heading below and nothing of their own.
  for (let h = 0; h < grid.length - 1; h += 1) {
    for (let c = 1; c < width; c += 1) {
      const below = grid.slice(h + 1).some((row) => row[c] !== '');
      if (grid[h]![c] === '' && below && grid[h]![c - 1] !== '' && groupContinues(grid, h, c - 1)) grid[h]![c] = grid[h]![c - 1]!;
    }
  }
  const columns: HeaderColumn[] = [];
  const fields = new Map<IngestField, number>();
  const specificity = new Map<IngestField, number>();
  for (let c = 0; c < width; c += 1) {
    const parts: string[] = [];
    for (const row of grid) if (row[c] !== '' && parts[parts.length - 1] !== row[c]) parts.push(row[c]!);
    const match = matchHeading(parts, overrides);
    const column: HeaderColumn = { index: c, heading: parts.join(' / '), field: match?.field };
    columns.push(column);
    const field = match?.field;
    if (field === undefined || field === null) continue;
    const earlier = fields.get(field);
    if (earlier === undefined || match!.specificity > specificity.get(field)!) {
      if (earlier !== undefined) columns[earlier]!.unusedBecause = `column ${columnLetter(c)} is a closer match for ${field}`;
      fields.set(field, c);
      specificity.set(field, match!.specificity);
    } else {
      column.unusedBecause = `column ${columnLetter(earlier)} is already ${field}`;
    }
  }
  const texts = block.map((r) => Array.from({ length: width }, (_, c) => rawCellText(r.cells[c] ?? null)));
  return { first, last: first + block.length - 1, columns, fields, texts };
}

/** A group heading spans right while the row below keeps having sub-headings under it. */
function groupContinues(grid: string[][], h: number, c: number): boolean {
  return grid.slice(h + 1).some((row) => row[c] !== '');
}

/** 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
