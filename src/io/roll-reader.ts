import { editDistance } from '../core/edit-distance.js';
import { PovrollError, type SourcePlace } from '../errors.js';
import type { Household } from '../core/household.js';
import type { ListKind } from '../core/ingest/title.js';
import type { FoundFields } from '../core/needs.js';
import { type ColumnIndex, FieldError, EXTRA_ROLL_COLUMNS, ROLL_COLUMNS, createHouseholdParser, indexColumns } from '../core/roll.js';
import { type CsvTable, openCsvSource } from './csv-source.js';
import type { Io } from './io.js';

/** A household read from a roll, with the cells it came from (in the roll's own column order). */
export interface RollRecord {
  household: Household;
  cells: string[];
  /** 1-based row in the file (the header is row 1) or sheet. */
  row: number;
  /** The sheet of a workbook the household came from. */
  sheet?: string;
}

/** A source row that could not be used, and why. */
export interface Reject {
  place: SourcePlace;
  reason: string;
  cells: string[];
}

export interface RollBatch {
  records: RollRecord[];
  rejects: Reject[];
  /** Rows passed over without being households (blank lines). */
  skipped: number;
  /** On the first batch of each file or sheet: what it gives, before any of its households. */
  started?: RollStart;
}

/** What a file or sheet gives, known from its header: checked against what the work at hand needs. */
export interface RollStart {
  /** Null for a text file. */
  sheet: string | null;
  found: FoundFields;
  /** The title or sheet name says it lists only some households. */
  list: ListKind | null;
}

/**
 * A roll opened for reading. Canonical CSV rolls are read here; raw survey
 * spreadsheets plug in behind the same interface (the ingest step yields
 * canonical records too), so commands do not care where households come from.
 */
export interface RollReader {
  /** The path as given (`-` for stdin). */
  name: string;
  /** The file as messages and reject lists name it. */
  file: string;
  header: string[];
  index: ColumnIndex;
  batches: AsyncIterable<RollBatch>;
  digest(): { sha256: string; bytes: number };
}

/** Extra columns a command reads beyond the household fields (e.g. `class` for rates). */
export interface RollRequirement {
  /** Every one of these must be present. */
  all?: { column: string; why: string }[];
  /** At least one of each group must be present. */
  oneOf?: { columns: string[]; why: string }[];
  extraColumns?: readonly string[];
}

/** Opens a canonical household roll (docs/roll.md), checking the columns a command needs. */
export async function openCanonicalRoll(path: string, io: Io, requirement: RollRequirement = {}): Promise<RollReader> {
  return canonicalRoll(await openCsvSource(path, io), path, requirement);
}

/**
 * A header meant as the canonical roll: contract column names, exactly as
 * written (`household_id`, or three of them). Such a roll is read strictly, so
 * a missing column is named rather than guessed; survey headings go to ingest.
 */
export function isCanonicalHeader(header: readonly string[]): boolean {
  const present = ROLL_COLUMNS.filter((column) => header.includes(column)).length;
  return header.includes('household_id') || present >= 3;
}

/** Names the first column a command needs that the roll lacks. */
export function checkRequirement(path: string, header: readonly string[], index: ColumnIndex, requirement: RollRequirement): void {
  for (const { column, why } of requirement.all ?? []) {
    if ((index[column] ?? -1) < 0) throw missingColumn(path, `column "${column}"`, why, header, [column]);
  }
  for (const { columns, why } of requirement.oneOf ?? []) {
    if (!columns.some((column) => (index[column] ?? -1) >= 0)) {
      const names = columns.map((c) => `"${c}"`);
      const wantedText = names.length === 1 ? `column ${names[0]}` : `any of the columns ${names.join(', ')}`;
      throw missingColumn(path, wantedText, why, header, columns);
    }
  }
}

export function canonicalRoll(table: CsvTable, path: string, requirement: RollRequirement = {}, facts: 'all' | 'checks' = 'all'): RollReader {
  if (table.header.every((c) => c === '')) throw new PovrollError(`Cannot read roll "${path}": the first row is empty (no header row)`);
  const wanted = [...ROLL_COLUMNS, ...EXTRA_ROLL_COLUMNS, ...(requirement.extraColumns ?? [])];
  const index = indexColumns(table.header, wanted);
  if (!ROLL_COLUMNS.some((column) => index[column]! >= 0)) {
    throw new PovrollError(
      `Cannot read roll "${path}": no column of the canonical household roll was found (found ${listColumns(table.header)}); raw survey spreadsheets go through "povroll ingest" first`,
    );
  }
  checkRequirement(path, table.header, index, requirement);
  const file = path === '-' ? 'stdin' : path;
  const parseHousehold = createHouseholdParser(index, facts);
  const width = table.header.length;
  return {
    name: path,
    file,
    header: table.header,
    index,
    digest: table.digest,
    batches: (async function* () {
      // A canonical roll's columns are what it gives; columns povroll does not know pass through, unread.
      let started: RollStart | undefined = {
        sheet: null,
        found: { fields: new Set(table.header.filter((c) => (wanted as readonly string[]).includes(c))), unknownHeadings: [] },
        list: null,
      };
      for await (const { rows, firstRow } of table.batches) {
        const batch: RollBatch = { records: [], rejects: [], skipped: 0, ...(started && { started }) };
        started = undefined;
        for (let i = 0; i < rows.length; i += 1) {
          const cells = rows[i]!;
          const row = firstRow + i;
          if (cells.length === 1 && cells[0]!.trim() === '') {
            batch.skipped += 1;
            continue;
          }
          if (cells.length !== width) {
            const reason = `expected ${width} cells as in the header, found ${cells.length}`;
            batch.rejects.push({ place: { file, row }, reason, cells });
            continue;
          }
          try {
            batch.records.push({ household: parseHousehold(cells), cells, row });
          } catch (error) {
            if (!(error instanceof FieldError)) throw error;
            batch.rejects.push({ place: { file, row, column: error.column }, reason: error.message, cells });
          }
        }
        yield batch;
      }
    })(),
  };
}

function missingColumn(path: string, wanted: string, why: string, header: readonly string[], candidates: string[]): PovrollError {
  const near = nearestColumns(header, candidates);
  const hint = near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
  return new PovrollError(`Cannot read roll "${path}": missing ${wanted} (${why}); found ${listColumns(header)}${hint}`);
}

function listColumns(header: readonly string[]): string {
  const shown = header
    .slice(0, 12)
    .map((h) => `"${h}"`)
    .join(', ');
  return header.length > 12 ? `${shown} and ${header.length - 12} more` : shown || 'no columns';
}

/** Header cells within two edits of a wanted column, ignoring case: likely typos. */
function nearestColumns(header: readonly string[], wanted: string[]): string[] {
  const near = new Set<string>();
  for (const name of header) {
    for (const column of wanted) {
      if (editDistance(name.toLowerCase().replace(/[\s-]+/g, '_'), column) <= 2) near.add(name);
    }
  }
  return [...near];
}
