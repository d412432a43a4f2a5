import type { HouseholdClass } from '../household.js';
import { DataFault } from '../data-fault.js';
import { type Header, type SourceRow, HEADER_SEARCH_ROWS, findHeader } from './header.js';
import { type HouseholdBlocks, createHouseholdBlocks } from './household-blocks.js';
import { createHouseholdCells, sheetCommune } from './household-cells.js';
import {
  type Assume,
  type Assumptions,
  INGEST_COLUMNS,
  type IngestOutput,
  type SheetContext,
  type SheetCounts,
  type SheetResult,
  type SheetStart,
  type SkipReason,
} from './ingest-types.js';
import { type RowKinds, createRowKinds } from './row-kinds.js';
import { createSheetReading } from './sheet-reading.js';
import type { ReadingNote } from '../labels.js';
import { type ListKind, type TitleFacts, NO_TITLE_FACTS, listClass, listKind, titleFacts } from './title.js';
import { rawCellText } from './values.js';

export { INGEST_COLUMNS } from './ingest-types.js';
export type { IngestOutput, SheetContext, SheetCounts } from './ingest-types.js';

/**
 * Reads one sheet (or text file) of a survey roll, row batch by row batch:
 * finds the header below the title block, passes over numbering rows,
 * repeated headers, totals and the signature footer, folds person rows into
 * their household, and writes one canonical row per household. Every row
 * read is counted as a household, a member row, a rejected row or a skipped
 * row, and the four add up to the rows read.
 *
 * What a row is, what a household's cells are and how person rows fold into
 * households are told by row-kinds.ts, household-cells.ts and
 * household-blocks.ts, made once the header is found.
 */
export function createSheetIngester(context: SheetContext) {
  const counts: SheetCounts = {
    rowsRead: 0,
    households: 0,
    memberRows: 0,
    rejected: 0,
    skipped: { title: 0, header: 0, numbering: 0, 'repeated header': 0, section: 0, blank: 0, total: 0, footer: 0 },
  };
  let pending: SourceRow[] = [];
  let header: Header | null = null;
  let searched = false;
  let title: TitleFacts = NO_TITLE_FACTS;
  let sheetClass: HouseholdClass | null = null;
  let sheetList: ListKind | null = null;
  const assumptions: Assumptions = new Map();
  const notes = new Map<string, ReadingNote>();
  // The assumptions made for the row being read, and for the household open (read from an earlier row):
  // counted when the household is written, not when its row is read, so a rejected row counts for none.
  let pendingAssumed: string[] | null = null;
  let openAssumed: string[] | null = null;
  // Runs once per household read on an assumption: a short key, no object unless it is new.
  const assume: Assume = (key, values) => {
    const id = values === undefined ? key : `${key}|${Object.values(values).join('|')}`;
    if (!notes.has(id)) notes.set(id, values === undefined ? { key } : { key, values });
    if (pendingAssumed === null) pendingAssumed = [id];
    else if (!pendingAssumed.includes(id)) pendingAssumed.push(id);
  };
  /** After a row is taken: the households it completed carry the open household's assumptions; the row's own go to the household it opened, unless rejected. */
  function settle(output: IngestOutput, households: number, rejects: number, row: number | null): void {
    for (let i = households; i < output.households.length; i += 1) {
      const household = output.households[i]!;
      if (openAssumed === null) continue;
      household.assumed = openAssumed;
      for (const id of openAssumed) {
        const entry = assumptions.get(id);
        if (entry !== undefined) entry.households += 1;
        else assumptions.set(id, { note: notes.get(id)!, households: 1 });
      }
      openAssumed = null;
    }
    if (pendingAssumed === null) return;
    let rejected = false;
    for (let i = rejects; i < output.rejects.length; i += 1) if (output.rejects[i]!.row === row) rejected = true;
    if (!rejected) openAssumed = pendingAssumed;
    pendingAssumed = null;
  }
  let inFooter = false;
  // Set together with the header.
  let kinds: RowKinds | null = null;
  let blocks: HouseholdBlocks | null = null;
  // Until the header is found, whole rows are repaired (the header and title need it); after, only the cells read (sheet-reading.ts).
  const fixText = context.fixText;
  const fixRow = (row: SourceRow): SourceRow =>
    fixText === null ? row : { row: row.row, cells: row.cells.map((c) => (typeof c === 'string' ? fixText(c) : c)) };

  /** Finds the header in the first rows (as read: repaired copies are used to match headings). */
  function begin(rows: SourceRow[], output: IngestOutput): void {
    const repaired = rows.map(fixRow);
    const found = findHeader(repaired, context.overrides);
    if (found === null) return;
    header = found;
    const reading = createSheetReading(found, fixText);
    title = titleFacts(repaired.slice(0, found.first).flatMap((r) => r.cells.map((c) => rawCellText(c))));
    sheetClass = title.listClass ?? (context.sheet !== null ? listClass(context.sheet) : null);
    sheetList = title.list ?? (context.sheet !== null ? listKind(context.sheet) : null);
    kinds = createRowKinds(reading, repaired[found.last]!.row);
    const householdCells = createHouseholdCells(reading, { context, title, sheetClass, section: kinds.section, assume });
    blocks = createHouseholdBlocks(reading, counts, householdCells);
    // A file named "…2023" titled "NĂM 2024": either may be a slip, and the year decides the standard.
    if (
      !found.fields.has('review_year') &&
      context.defaults.year === undefined &&
      title.year !== null &&
      context.fileYear !== null &&
      title.year !== context.fileYear
    ) {
      throw new DataFault(`the file name says ${context.fileYear} but the title says "NĂM ${title.year}"; pass --year with the review year the roll is of`);
    }
    output.started = sheetStart(found);
    counts.skipped.title += found.first;
    counts.skipped.header += found.last - found.first + 1;
    for (const row of rows.slice(found.last + 1)) take(row, output);
  }

  function sheetStart(found: Header): SheetStart {
    const fields = new Set<string>();
    for (const field of found.fields.keys()) {
      if (field === 'mark_poor' || field === 'mark_near_poor') fields.add('recorded_class');
      else if ((INGEST_COLUMNS as readonly string[]).includes(field)) fields.add(field);
    }
    if (context.defaults.year !== undefined || title.year !== null || context.fileYear !== null) fields.add('review_year');
    if (context.defaults.commune !== undefined || sheetCommune(context.sheet) !== '' || title.commune !== '') fields.add('commune');
    if (sheetClass !== null) fields.add('recorded_class');
    const unknownHeadings = found.columns.filter((c) => c.field === undefined && c.heading !== '').map((c) => c.heading);
    return { fields, unknownHeadings, list: sheetList };
  }

  /** Takes one row below the header (only called once the header, and so kinds and blocks, are set). */
  function take(row: SourceRow, output: IngestOutput): void {
    const households = output.households.length;
    const rejects = output.rejects.length;
    takeRow(row, output);
    settle(output, households, rejects, row.row);
  }

  function takeRow(row: SourceRow, output: IngestOutput): void {
    if (inFooter) {
      // A second list below the first one's footer starts with the header again.
      if (!kinds!.isRepeatedHeader(row)) {
        skip('footer');
        return;
      }
      inFooter = false;
      skip('repeated header');
      return;
    }
    const kind = kinds!.rowKind(row);
    if (kind !== 'data') {
      if (kind === 'footer') {
        blocks!.finishBlock(output);
        inFooter = true;
      }
      skip(kind);
      return;
    }
    blocks!.fold(row, output);
  }

  function skip(reason: SkipReason): void {
    counts.skipped[reason] += 1;
  }

  return {
    /** Takes rows in sheet order; returns the households completed and the rows rejected. */
    push(rows: readonly SourceRow[]): IngestOutput {
      const output: IngestOutput = { households: [], rejects: [] };
      for (const row of rows) {
        counts.rowsRead += 1;
        if (header !== null) {
          take(row, output);
          continue;
        }
        // The header is looked for once, in the first rows; a sheet without one keeps
        // only those rows (for the message) and counts the rest.
        if (searched) continue;
        pending.push(row);
        if (pending.length >= HEADER_SEARCH_ROWS) {
          seek(output);
          searched = header === null;
        }
      }
      return output;
    },
    finish(): IngestOutput & SheetResult {
      const output: IngestOutput = { households: [], rejects: [] };
      if (header === null && !searched) seek(output);
      if (header === null) {
        // No roll here: every row read is passed over as title text.
        counts.skipped.title += counts.rowsRead - sumCounts(counts);
      }
      const households = output.households.length;
      blocks?.finishBlock(output);
      settle(output, households, output.rejects.length, null);
      return { ...output, header, counts, title, closest: header === null ? closestRow(pending.map(fixRow)) : [], assumptions, list: sheetList };
    },
  };

  function seek(output: IngestOutput): void {
    const rows = pending;
    pending = [];
    begin(rows, output);
    if (header === null) pending = rows;
  }
}

function sumCounts(counts: SheetCounts): number {
  return counts.households + counts.memberRows + counts.rejected + Object.values(counts.skipped).reduce((a, b) => a + b, 0);
}

/** The row with the most text among those searched: what the user will recognise as their header. */
function closestRow(rows: readonly SourceRow[]): string[] {
  let best: string[] = [];
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const texts = row.cells.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim());
    if (texts.length > best.length) best = texts;
  }
  return best;
}
