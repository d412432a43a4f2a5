import { LOCATION_COLUMNS } from '../areas.js';
import { INDICATOR_CODES } from '../indicators.js';
import { FieldError } from '../roll.js';
import type { IngestField } from './fields.js';
import type { SourceRow } from './header.js';
import { type HouseholdCells, OUT } from './household-cells.js';
import type { IngestOutput, SheetCounts } from './ingest-types.js';
import { matchKey } from './match-key.js';
import { isListNumber } from './row-kinds.js';
import { type SheetReading, lastValue } from './sheet-reading.js';
import { rawCellText } from './values.js';

/** Fields a member's row leaves blank. */
/** Fields only a roll of one row per person has. */
const PERSON_FIELDS: readonly IngestField[] = ['person_name', 'relationship', 'birth_year_male', 'birth_year_female', 'birth_date', 'sex', 'citizen_id'];
const HOUSEHOLD_FACT_FIELDS: readonly IngestField[] = [
  'income_per_capita',
  'members',
  'score_b1',
  'score_b2',
  'deprivation_total',
  'recorded_class',
  'mark_poor',
  'mark_near_poor',
  ...INDICATOR_CODES.map((code) => `d_${code}` as IngestField),
];
/** Location columns: an empty cell under a merged range means "as above". */
const LOCATION_FIELDS: readonly IngestField[] = LOCATION_COLUMNS;

/** The household being read: its first row's cells, and the person rows folded into it so far. */
interface Block {
  cells: string[];
  row: number;
  members: number;
  sizeFromColumn: boolean;
  rejected: boolean;
  id: string;
  year: string;
}

export interface HouseholdBlocks {
  /** Takes a data row: it opens a household, or is a member of the one open. */
  fold(row: SourceRow, output: IngestOutput): void;
  /** Writes the household open, if any: at a footer and at the sheet's end. */
  finishBlock(output: IngestOutput): void;
}

/**
 * Folds the person rows of one sheet into household blocks: a household's
 * first row gives its cells, the rows after it until the next household are
 * its members, and the block's size is its member count unless a size column
 * gives one. Counts households, member rows and rejected rows as it goes.
 */
export function createHouseholdBlocks(reading: SheetReading, counts: SheetCounts, householdCells: HouseholdCells): HouseholdBlocks {
  const { column, get, text, heading, raw } = reading;
  let block: Block | null = null;
  // A roll of one row per person counts a household's members; one of one row per household cannot (a lone row is no count of 1).
  const listsPersons = PERSON_FIELDS.some((field) => column.has(field));

  function fold(row: SourceRow, output: IngestOutput): void {
    if (startsHousehold(row)) {
      finishBlock(output);
      block = startBlock(row, output);
      return;
    }
    if (block === null) {
      counts.rejected += 1;
      output.rejects.push({ row: row.row, reason: 'a member row before any household (no household code, STT or head)', cells: raw(row) });
      return;
    }
    block.members += 1;
    if (block.rejected) {
      counts.rejected += 1;
      output.rejects.push({ row: row.row, reason: `member of the household rejected at row ${block.row}`, cells: raw(row) });
    } else {
      counts.memberRows += 1;
    }
  }

  function startsHousehold(row: SourceRow): boolean {
    if (column.has('household_id')) {
      const id = text(row, 'household_id');
      if (id !== '') {
        if (block === null || id !== block.id) return true;
        // The same code again: a member row (codes repeated on members' rows), unless the
        // row says otherwise — the head named, another review year, or household facts of its own.
        if (column.has('relationship')) return isHead(row);
        const year = text(row, 'review_year');
        if (year !== '' && year !== block.year) return true;
        return hasHouseholdFacts(row);
      }
      if (column.has('relationship') && text(row, 'relationship') !== '') return isHead(row);
      // A list number without a code opens a household too.
      if (isListNumber(get(row, 'stt'))) return true;
      return block === null && !column.has('stt');
    }
    if (column.has('stt')) {
      const stt = get(row, 'stt');
      if (stt !== null && rawCellText(stt) !== '') return true;
      if (column.has('relationship')) return isHead(row);
      return false;
    }
    if (column.has('relationship')) return isHead(row) || block === null;
    return true;
  }

  const headOf = lastValue((relationship: string) => {
    const key = matchKey(relationship);
    return key === 'chu ho' || key === 'ch' || key === 'head' || key === 'la chu ho';
  });
  function isHead(row: SourceRow): boolean {
    return headOf(text(row, 'relationship'));
  }

  function startBlock(row: SourceRow, output: IngestOutput): Block {
    const id = text(row, 'household_id');
    const year = text(row, 'review_year');
    if (!hasHouseholdData(row)) {
      counts.rejected += 1;
      output.rejects.push({ row: row.row, reason: 'a household code or number with no data', cells: raw(row) });
      return { cells: [], row: row.row, members: 1, sizeFromColumn: false, rejected: true, id, year };
    }
    try {
      const cells = householdCells(row);
      return { cells, row: row.row, members: 1, sizeFromColumn: cells[OUT.members] !== '', rejected: false, id, year };
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      counts.rejected += 1;
      const columnName = column.has(error.column as IngestField) ? heading(error.column as IngestField) : error.column;
      output.rejects.push({ row: row.row, column: columnName, reason: `expected ${error.expected}, found "${error.value}"`, cells: raw(row) });
      return { cells: [], row: row.row, members: 1, sizeFromColumn: false, rejected: true, id, year };
    }
  }

  /** Facts only a household's own row carries: income, size, scores, marks, class. */
  function hasHouseholdFacts(row: SourceRow): boolean {
    for (const field of HOUSEHOLD_FACT_FIELDS) {
      const at = column.get(field);
      if (at === undefined) continue;
      const value = row.cells[at];
      if (value !== null && value !== undefined && rawCellText(value) !== '') return true;
    }
    return false;
  }

  /** Anything beyond the list number, the code and the place. */
  function hasHouseholdData(row: SourceRow): boolean {
    for (const [field, at] of column) {
      if (field === 'stt' || field === 'household_id' || LOCATION_FIELDS.includes(field)) continue;
      const value = row.cells[at];
      if (value !== null && value !== undefined && rawCellText(value) !== '') return true;
    }
    return false;
  }

  function finishBlock(output: IngestOutput): void {
    if (block === null) return;
    const done = block;
    block = null;
    if (done.rejected) return;
    if (!done.sizeFromColumn && (listsPersons || done.members > 1)) done.cells[OUT.members] = String(done.members);
    counts.households += 1;
    output.households.push({ cells: done.cells, row: done.row });
  }

  return { fold, finishBlock };
}
