import type { Area, HouseholdClass } from '../household.js';
import { INDICATOR_CODES } from '../indicators.js';
import { LOCATION_COLUMNS } from '../areas.js';
import { EXTRA_ROLL_COLUMNS, FieldError, ROLL_COLUMNS } from '../roll.js';
import type { HeadingOverrides, IngestField } from './fields.js';
import { type Header, type SourceRow, HEADER_SEARCH_ROWS, columnLetter, findHeader } from './header.js';
import { matchKey } from './match-key.js';
import { type ListKind, type TitleFacts, NO_TITLE_FACTS, isGenericSheetName, listClass, listKind, titleFacts } from './title.js';
import { DataFault } from '../data-fault.js';
import {
  type CellValue,
  type NumberStyle,
  areaOfUnit,
  areaValue,
  cellText,
  classValue,
  DEFAULT_CLASS_CODES,
  countValue,
  markValue,
  numberValue,
  priorStatusValue,
  textValue,
  yearValue,
} from './values.js';

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
  assumptions: Map<string, number>;
  list: ListKind | null;
}

const INDICATOR_FIELDS = INDICATOR_CODES.map((code) => `d_${code}` as IngestField);
const OUT = Object.fromEntries(INGEST_COLUMNS.map((c, i) => [c, i])) as Record<(typeof INGEST_COLUMNS)[number], number>;

// "Tống" is a family name and "Công" a given name: a total row needs the whole phrase.
const TOTAL_WORDS = /^(tong cong|tong so|total)\b|^cong( \d| thon| ban| to| xa| ho|$)/;
const FOOTER_WORDS = /^(nguoi lap bieu|nguoi lap|nguoi ghi|tm |t m |tm\b|ubnd|uy ban nhan dan|chu tich|pho chu tich|xac nhan|can bo|thu truong|ke toan|truong thon|truong ban|ky ten|ky ghi ro|ngay \d+ thang|ngay thang nam)/;
const DATE_LINE = /\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b/;
/** A row that opens a part of the list: "Thôn Nà Pàn", "I. Hộ nghèo", "2. Bản Khau". */
const SECTION = /^(?:[ivx]+|[a-z]|\d{1,2})?\s*(thon|ban|xom|to dan pho|to|ap|khu|khom|lang|ho ngheo|ho can ngheo|ho co muc song trung binh|ho thoat ngheo|ho thoat can ngheo)\b/;
const VILLAGE_SECTION = /^(thon|ban|xom|to dan pho|to|ap|khu|khom|lang)\b/;
/** Fields a member's row leaves blank. */
const HOUSEHOLD_FACT_FIELDS: readonly IngestField[] = ['income_per_capita', 'members', 'score_b1', 'score_b2', 'deprivation_total', 'recorded_class', 'mark_poor', 'mark_near_poor', ...INDICATOR_CODES.map((code) => `d_${code}` as IngestField)];
/** Location columns: an empty cell under a merged range means "as above". */
const LOCATION_FIELDS: readonly IngestField[] = LOCATION_COLUMNS;
const NUMBERING_TOKEN = /^\(?([a-z]{1,2}|\d{1,3}|\d{1,3}\s*=\s*[\d\s+\-*/x.()]+)\)?$/i;

interface Block {
  cells: string[];
  row: number;
  members: number;
  sizeFromColumn: boolean;
  rejected: boolean;
  id: string;
  year: string;
}

/**
 * Reads one sheet (or text file) of a survey roll, row batch by row batch:
 * finds the header below the title block, passes over numbering rows,
 * repeated headers, totals and the signature footer, folds person rows into
 * their household, and writes one canonical row per household. Every row
 * read is counted as a household, a member row, a rejected row or a skipped
 * row, and the four add up to the rows read.
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
  let title: TitleFacts = NO_TITLE_FACTS;
  let sheetClass: HouseholdClass | null = null;
  let sheetList: ListKind | null = null;
  const assumptions = new Map<string, number>();
  const assume = (what: string) => assumptions.set(what, (assumptions.get(what) ?? 0) + 1);
  let numberingTexts: string[] | null = null;
  let inFooter = false;
  let block: Block | null = null;
  /** Village and class named by the last section row, for the households below it. */
  let sectionVillage = '';
  let sectionClass: HouseholdClass | null = null;
  /** The last value seen in each location column, carried down over merged cells. */
  const above = new Map<IngestField, string>();
  let column = new Map<IngestField, number>();
  const styles = new Map<IngestField, NumberStyle>();
  const style = (field: IngestField) => {
    let s = styles.get(field);
    if (s === undefined) styles.set(field, (s = { style: null }));
    return s;
  };
  // Text is repaired as it is read: whole rows until the header is found (the
  // header and title need it), then only the cells a household is built from.
  const fixText = context.fixText;
  const fix = fixText ?? ((text: string) => text);
  const fixRow = (row: SourceRow): SourceRow =>
    fixText === null ? row : { row: row.row, cells: row.cells.map((c) => (typeof c === 'string' ? fixText(c) : c)) };
  const sourceName = context.sheet === null ? context.file : `${context.file}#${context.sheet}`;

  const raw = (row: SourceRow) => row.cells.map((c) => fix(cellText(c)));
  const get = (row: SourceRow, field: IngestField): CellValue => {
    const at = column.get(field);
    if (at === undefined) return null;
    const value = row.cells[at] ?? null;
    return typeof value === 'string' && fixText !== null ? fixText(value) : value;
  };
  const text = (row: SourceRow, field: IngestField) => textValue(get(row, field));
  const heading = (field: IngestField) => header!.columns[column.get(field)!]!.heading || columnLetter(column.get(field)!);

  /** Finds the header in the first rows (as read: repaired copies are used to match headings). */
  function begin(rows: SourceRow[], output: IngestOutput): void {
    const repaired = rows.map(fixRow);
    const found = findHeader(repaired, context.overrides);
    if (found === null) return;
    header = found;
    column = found.fields;
    headerEndRow = repaired[found.last]!.row;
    if (column.has('income_per_capita')) {
      const unit = matchKey(heading('income_per_capita'));
      incomeScale = /\b(nghin|ngan)\b|\b1000 ?d\b/.test(unit) ? 1000 : /\btrieu\b/.test(unit) ? 1_000_000 : 1;
    }
    title = titleFacts(repaired.slice(0, found.first).flatMap((r) => r.cells.map((c) => cellText(c))));
    sheetClass = title.listClass ?? (context.sheet !== null ? listClass(context.sheet) : null);
    sheetList = title.list ?? (context.sheet !== null ? listKind(context.sheet) : null);
    // A file named "…2023" titled "NĂM 2024": either may be a slip, and the year decides the standard.
    if (!column.has('review_year') && context.defaults.year === undefined && title.year !== null && context.fileYear !== null && title.year !== context.fileYear) {
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
    if (context.defaults.commune !== undefined || sheetCommune() !== '' || title.commune !== '') fields.add('commune');
    if (sheetClass !== null) fields.add('recorded_class');
    const unknownHeadings = found.columns.filter((c) => c.field === undefined && c.heading !== '').map((c) => c.heading);
    return { fields, unknownHeadings, list: sheetList };
  }

  function take(row: SourceRow, output: IngestOutput): void {
    if (inFooter) {
      // A second list below the first one's footer starts with the header again.
      if (!isRepeatedHeader(row)) return skip('footer');
      inFooter = false;
      return skip('repeated header');
    }
    const kind = rowKind(row);
    if (kind !== 'data') {
      if (kind === 'footer') {
        finishBlock(output);
        inFooter = true;
      }
      return skip(kind);
    }
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

  function skip(reason: SkipReason): void {
    counts.skipped[reason] += 1;
  }

  /** What a row is, judged cheaply: most rows are households and answer at the first test. */
  function rowKind(row: SourceRow): SkipReason | 'data' {
    let firstText: string | null = null;
    let filled = 0;
    for (const cell of row.cells) {
      if (cell === null || cell === '') continue;
      if (typeof cell === 'string' && cell.trim() === '') continue;
      filled += 1;
      if (firstText === null && typeof cell === 'string') firstText = cell;
    }
    if (filled === 0) return 'blank';
    if (isNumbering(row, filled)) return 'numbering';
    if (isRepeatedHeader(row)) return 'repeated header';
    // Household and person rows are most rows: skip the keyword tests (and their text keys) for them.
    if (hasIdentity(row) || hasPersonFacts(row)) return 'data';
    const key = firstText === null ? '' : matchKey(fix(firstText));
    if (key !== '' && (FOOTER_WORDS.test(key) || DATE_LINE.test(key))) return 'footer';
    if (key !== '' && TOTAL_WORDS.test(key)) return 'total';
    if (filled === 1 && firstText !== null && leftOfNames(row) && isSection(firstText, key)) return 'section';
    return 'data';
  }

  /** A section row's text sits at the table's left edge; a lone text in the name column is a member ("Tô Thị Lan"). */
  function leftOfNames(row: SourceRow): boolean {
    const nameColumn = column.get('person_name') ?? column.get('head_name');
    if (nameColumn === undefined) return true;
    const filledAt = row.cells.findIndex((c) => c !== null && c !== undefined && cellText(c) !== '');
    return filledAt < nameColumn;
  }

  /** A one-cell row naming a village or a class heads the households below it. */
  function isSection(text: string, key: string): boolean {
    const bare = key.replace(/^(?:[ivx]+|[a-z]|\d{1,2})\s+/, '');
    if (!SECTION.test(key)) return false;
    if (VILLAGE_SECTION.test(bare)) sectionVillage = text.trim().replace(/^(?:[IVXivx]+|[A-Za-z]|\d{1,2})[.)]\s*/, '');
    else sectionClass = listClass(bare) ?? (/thoat/.test(bare) ? null : sectionClass);
    return true;
  }

  function hasPersonFacts(row: SourceRow): boolean {
    return text(row, 'relationship') !== '' || text(row, 'birth_year_male') !== '' || text(row, 'birth_year_female') !== '';
  }

  /** A household code (with a digit in it: "Tổng cộng" in the code column is no code), or a list number. */
  function hasIdentity(row: SourceRow): boolean {
    if (/\d/.test(text(row, 'household_id'))) return true;
    return isListNumber(get(row, 'stt'));
  }

  function isNumbering(row: SourceRow, filled: number): boolean {
    if (numberingTexts !== null) return row.cells.every((c, i) => cellText(c) === '' || cellText(c) === numberingTexts![i]);
    // The numbering row sits right under the header; later, only its exact repeats count.
    if (row.row > headerEndRow + 2 || filled < 3) return false;
    const tokens = row.cells.map((c) => cellText(c)).filter((t) => t !== '');
    const numbering = tokens.filter((t) => NUMBERING_TOKEN.test(t)).length >= Math.max(3, tokens.length * 0.8) && runsInSequence(tokens);
    if (numbering) numberingTexts = row.cells.map((c) => cellText(c));
    return numbering;
  }

  let headerEndRow = 0;
  let searched = false;
  let incomeScale = 1;

  /** A page break printed into the sheet repeats the header's own texts. */
  function isRepeatedHeader(row: SourceRow): boolean {
    // Cheap first: the row's first text must be a heading of the same column.
    let first = -1;
    for (let c = 0; c < row.cells.length; c += 1) {
      const value = row.cells[c];
      if (typeof value === 'string' && value.trim() !== '') {
        first = c;
        break;
      }
    }
    if (first < 0) return false;
    const firstText = fix((row.cells[first] as string).trim());
    if (!header!.texts.some((texts) => texts[first] === firstText)) return false;
    let same = 0;
    let filled = 0;
    for (let c = 0; c < row.cells.length; c += 1) {
      const value = row.cells[c];
      if (typeof value !== 'string' || value.trim() === '') continue;
      filled += 1;
      const trimmed = fix(value.trim());
      if (header!.texts.some((texts) => texts[c] === trimmed)) same += 1;
    }
    return filled >= 2 && same >= filled * 0.7;
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
      if (stt !== null && cellText(stt) !== '') return true;
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
      if (value !== null && value !== undefined && cellText(value) !== '') return true;
    }
    return false;
  }

  /** Anything beyond the list number, the code and the place. */
  function hasHouseholdData(row: SourceRow): boolean {
    for (const [field, at] of column) {
      if (field === 'stt' || field === 'household_id' || LOCATION_FIELDS.includes(field)) continue;
      const value = row.cells[at];
      if (value !== null && value !== undefined && cellText(value) !== '') return true;
    }
    return false;
  }

  function finishBlock(output: IngestOutput): void {
    if (block === null) return;
    const done = block;
    block = null;
    if (done.rejected) return;
    if (!done.sizeFromColumn) done.cells[OUT.members] = String(done.members);
    counts.households += 1;
    output.households.push({ cells: done.cells, row: done.row });
  }

  // Rolls are sorted by place and class: consecutive households repeat these values, so each keeps its last answer.
  const areaOf = lastValue((value: CellValue) => areaValue(value, 'area'));
  const unitArea = lastValue(areaOfUnit);
  const minorityOf = lastValue((ethnicity: string) => (matchKey(ethnicity).replace(/^dan toc /, '') === 'kinh' ? '0' : '1'));
  const classOf = lastValue((value: CellValue) => classValue(value, 'recorded_class', context.classCodes));

  /** A location cell, or the value above it when the cell is empty (a merged range keeps its value in its first cell). */
  function location(row: SourceRow, field: IngestField): string {
    if (!column.has(field)) return '';
    const value = text(row, field);
    if (value !== '') {
      above.set(field, value);
      return value;
    }
    return above.get(field) ?? '';
  }

  /** The canonical cells of a household from its first row; throws FieldError for a value that does not fit. */
  function householdCells(row: SourceRow): string[] {
    const cells = new Array<string>(INGEST_COLUMNS.length).fill('');
    cells[OUT.household_id] = text(row, 'household_id');
    cells[OUT.head_name] = text(row, 'head_name') || text(row, 'person_name');
    const commune = location(row, 'commune') || communeFromElsewhere();
    const communeCode = location(row, 'commune_code');
    if (commune === '' && communeCode === '') {
      throw new FieldError('commune', '', 'a commune: no commune column, --commune, sheet name or title names it');
    }
    cells[OUT.province_code] = location(row, 'province_code');
    cells[OUT.province] = location(row, 'province') || context.defaults.province || title.province;
    cells[OUT.district_code] = location(row, 'district_code');
    cells[OUT.district] = location(row, 'district') || context.defaults.district || title.district;
    cells[OUT.commune_code] = communeCode;
    cells[OUT.commune] = commune;
    cells[OUT.village] = location(row, 'village') || sectionVillage;
    const area: Area | null = areaOf(get(row, 'area')) ?? areaFromElsewhere(commune);
    cells[OUT.area] = area ?? '';
    const year = yearValue(get(row, 'review_year'), 'review_year') ?? yearFromElsewhere();
    cells[OUT.review_year] = year === null ? '' : String(year);
    cells[OUT.members] = numberText(countValue(get(row, 'members'), 'members', style('members')));
    cells[OUT.income_per_capita] = numberText(income(row));
    cells[OUT.score_b1] = numberText(numberValue(get(row, 'score_b1'), 'score_b1', style('score_b1')));
    cells[OUT.score_b2] = numberText(numberValue(get(row, 'score_b2'), 'score_b2', style('score_b2')));
    cells[OUT.deprivation_total] = numberText(countValue(get(row, 'deprivation_total'), 'deprivation_total', style('deprivation_total')));
    for (const field of INDICATOR_FIELDS) {
      if (column.has(field)) cells[OUT[field as (typeof INGEST_COLUMNS)[number]]] = markValue(get(row, field), field) ? '1' : '0';
    }
    const ethnicity = text(row, 'ethnicity');
    cells[OUT.ethnicity] = ethnicity;
    cells[OUT.ethnic_minority] = column.has('ethnic_minority')
      ? flag(row, 'ethnic_minority')
      : ethnicity === ''
        ? ''
        : minorityOf(ethnicity);
    cells[OUT.merit_policy] = flag(row, 'merit_policy');
    cells[OUT.social_protection] = flag(row, 'social_protection');
    cells[OUT.no_labor_capacity] = flag(row, 'no_labor_capacity');
    cells[OUT.female_head] = femaleHead(row);
    cells[OUT.poverty_cause] = text(row, 'poverty_cause');
    cells[OUT.recorded_class] = recordedClass(row) ?? '';
    cells[OUT.prior_status] = priorStatusValue(get(row, 'prior_status'), 'prior_status') ?? '';
    cells[OUT.source] = `${sourceName}!${row.row}`;
    return cells;
  }

  function communeFromElsewhere(): string {
    if (context.defaults.commune) return context.defaults.commune;
    const fromSheet = sheetCommune();
    if (fromSheet !== '') {
      assume('commune from the sheet name');
      return fromSheet;
    }
    if (title.commune !== '') assume('commune from the title');
    return title.commune;
  }

  function areaFromElsewhere(commune: string): Area | null {
    const fromUnit = unitArea(commune);
    if (fromUnit !== null) {
      assume('area from the commune’s name (xã rural; phường, thị trấn urban)');
      return fromUnit;
    }
    if (title.area !== null) {
      assume('area from the commune named in the title');
      return title.area;
    }
    return context.defaults.area ?? null;
  }

  function yearFromElsewhere(): number | null {
    if (context.defaults.year !== undefined) return context.defaults.year;
    if (title.year !== null) {
      assume('review year from the title');
      return title.year;
    }
    if (context.fileYear !== null) assume('review year from the file name');
    return context.fileYear;
  }

  function sheetCommune(): string {
    return context.sheet !== null && !isGenericSheetName(context.sheet) && listClass(context.sheet) === null ? context.sheet : '';
  }

  /** Income in VND; a heading in thousands ("nghìn đồng") or millions scales it. */
  function income(row: SourceRow): number | null {
    const value = numberValue(get(row, 'income_per_capita'), 'income_per_capita', style('income_per_capita'));
    if (value === null) return null;
    if (incomeScale === 1) return value;
    assume(`income in ${incomeScale === 1000 ? 'thousands' : 'millions'} of đồng, from its heading`);
    return Math.round(value * incomeScale);
  }

  function flag(row: SourceRow, field: IngestField): string {
    if (!column.has(field)) return '';
    return markValue(get(row, field), field) ? '1' : '0';
  }

  function femaleHead(row: SourceRow): string {
    if (column.has('female_head')) return flag(row, 'female_head');
    if (column.has('birth_year_female') || column.has('birth_year_male')) {
      if (text(row, 'birth_year_female') !== '') return '1';
      if (text(row, 'birth_year_male') !== '') return '0';
      return '';
    }
    if (column.has('sex')) {
      const key = matchKey(text(row, 'sex'));
      if (key === 'nu' || key === 'female' || key === 'f') return '1';
      if (key === 'nam' || key === 'male' || key === 'm') return '0';
    }
    return '';
  }

  function recordedClass(row: SourceRow): HouseholdClass | null {
    if (column.has('recorded_class')) {
      const value = classOf(get(row, 'recorded_class'));
      if (value !== null) {
        const code = textValue(get(row, 'recorded_class'));
        if (/^\d+$/.test(code)) assume(`class code "${code}" read as ${value}${isDefaultCode(code, value) ? ' (the usual code; --map class_codes changes it)' : ' (--map)'}`);
        return value;
      }
    }
    const poor = column.has('mark_poor') && markValue(get(row, 'mark_poor'), 'mark_poor');
    const nearPoor = column.has('mark_near_poor') && markValue(get(row, 'mark_near_poor'), 'mark_near_poor');
    if (poor && nearPoor) throw new FieldError('mark_near_poor', 'x', 'one mark: the household is marked both poor and near-poor');
    if (poor) return 'poor';
    if (nearPoor) return 'near_poor';
    if (sectionClass !== null) return sectionClass;
    if (sheetClass !== null) assume(`recorded class ${sheetClass} from the ${title.listClass !== null ? 'title' : 'sheet name'}`);
    return sheetClass;
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
      finishBlock(output);
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

/**
 * A numbering row counts its columns: its numbers rise left to right (1, 2,
 * 3=1+2, 4 …) and so do its letters (A, B, C). A household row of marks and
 * counts ([1, "Lò Văn Một", 4, 1, 0, 1 …]) does not.
 */
/** Wraps a function of one value so that the same value as last time gets the last answer without work. */
function lastValue<T, R>(compute: (value: T) => R): (value: T) => R {
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

/** A list number: a number, or digits in a text file. */
function isListNumber(value: CellValue): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value));
}

function runsInSequence(tokens: readonly string[]): boolean {
  let lastNumber = -1;
  let lastLetter = '';
  let numbers = 0;
  for (const token of tokens) {
    const bare = token.replace(/[()]/g, '').trim();
    const number = /^(\d{1,3})(\s*=.*)?$/.exec(bare);
    if (number) {
      const value = Number(number[1]);
      if (value <= lastNumber) return false;
      lastNumber = value;
      numbers += 1;
    } else if (/^[A-Za-z]{1,2}$/.test(bare)) {
      const letter = bare.toUpperCase();
      if (lastLetter !== '' && letter <= lastLetter) return false;
      lastLetter = letter;
    }
  }
  return numbers >= 2 || lastLetter !== '';
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

function isDefaultCode(code: string, value: HouseholdClass): boolean {
  return DEFAULT_CLASS_CODES[code] === value;
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}
