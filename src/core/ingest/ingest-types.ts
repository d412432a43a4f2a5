import type { LabelKey, ReadingNote } from '../labels.js';
/**
 * What reading a sheet takes and gives. In a module of their own so that the
 * parts of the sheet ingester (row kinds, household cells, household blocks)
 * and the ingester itself share them without importing one another in a
 * cycle; sheet-ingester.ts re-exports them for the rest of the program.
 */
import type { Area, HouseholdClass } from '../household.js';
import { EXTRA_ROLL_COLUMNS, ROLL_COLUMNS } from '../roll.js';
import type { HeadingOverrides } from './fields.js';
import type { Header } from './header.js';
import type { ListKind, TitleFacts } from './title.js';

/** The canonical columns ingest writes: the contract's, then the extra columns (deprivation total, prior status). */
export const INGEST_COLUMNS = [...ROLL_COLUMNS, ...EXTRA_ROLL_COLUMNS] as const;

/** Where rows come from and what the user said about them. Text, in cells and names, arrives in Unicode NFC: the readers compose it. */
export interface SheetContext {
  /** The file as the user named it. */
  file: string;
  /** Sheet name, or null for a text file. */
  sheet: string | null;
  /** `--province`, `--district`, `--commune`, `--area`, `--year`: for rows whose file has no such column. */
  defaults: { province?: string; district?: string; commune?: string; area?: Area; year?: number };
  /** A review year found in the file name. */
  fileYear: number | null;
  overrides: HeadingOverrides;
  classCodes: Readonly<Record<string, HouseholdClass>>;
  /** Repairs legacy-encoded text (TCVN3, VNI), applied to every text cell as rows arrive; null when text needs nothing. */
  fixText: ((text: string) => string) | null;
}

/** Why a row was passed over. */
export type SkipReason = 'title' | 'header' | 'numbering' | 'repeated header' | 'section' | 'blank' | 'total' | 'footer';

export interface SheetCounts {
  rowsRead: number;
  households: number;
  memberRows: number;
  rejected: number;
  skipped: Record<SkipReason, number>;
}

export interface IngestedHousehold {
  /** Cells in INGEST_COLUMNS order. */
  cells: string[];
  /** Row of the household's first line. */
  row: number;
  /**
   * The assumptions made to read it (keys of the sheet's Assumptions), when
   * any: a later step that rejects the household takes it out of their counts.
   */
  assumed?: readonly string[];
}

export interface RowReject {
  row: number;
  column?: string;
  reason: string;
  cells: string[];
}

export interface IngestOutput {
  households: IngestedHousehold[];
  rejects: RowReject[];
  /** Set on the output that found the sheet's header: what the sheet was understood to give. */
  started?: SheetStart;
}

/** What a sheet gives, known once its header is found: checked against what the work at hand needs. */
export interface SheetStart {
  /** Canonical fields every household of the sheet can have: its columns, and facts the title, the names or the options give. */
  fields: Set<string>;
  /** Headings that matched no known field. */
  unknownHeadings: string[];
  /** The title or sheet name says it lists only some households. */
  list: ListKind | null;
}

export interface SheetResult {
  /** Null when the sheet holds no roll (no header found): an instruction or summary sheet. */
  header: Header | null;
  counts: SheetCounts;
  title: TitleFacts;
  /** The row searched for a header that came closest, for the "no recognisable header" message. */
  closest: string[];
  /** What was assumed to read the sheet, with the number of households each assumption was made for. */
  assumptions: Assumptions;
  list: ListKind | null;
}

/** What was assumed to read a sheet, by assumption, with the households it was made for. */
export type Assumptions = Map<string, { note: ReadingNote; households: number }>;

/** Notes that one household was read on an assumption, worded by its label. */
export type Assume = (key: LabelKey, values?: Record<string, string>) => void;
