import type { HouseholdClass } from '../household.js';
import type { SourceRow } from './header.js';
import type { SkipReason } from './ingest-types.js';
import { matchKey } from './match-key.js';
import type { SheetReading } from './sheet-reading.js';
import { listClass } from './title.js';
import { type RawCellValue, rawCellText } from './values.js';

// "Tống" is a family name and "Công" a given name: a total row needs the whole phrase.
const TOTAL_WORDS = /^(tong cong|tong so|total)\b|^cong( \d| thon| ban| to| xa| ho|$)/;
const FOOTER_WORDS =
  /^(nguoi lap bieu|nguoi lap|nguoi ghi|tm |t m |tm\b|ubnd|uy ban nhan dan|chu tich|pho chu tich|xac nhan|can bo|thu truong|ke toan|truong thon|truong ban|ky ten|ky ghi ro|ngay \d+ thang|ngay thang nam)/;
const DATE_LINE = /\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b/;
/** A row that opens a part of the list: "Thôn Nà Pàn", "I. Hộ nghèo", "2. Bản Khau". */
const SECTION =
  /^(?:[ivx]+|[a-z]|\d{1,2})?\s*(thon|ban|xom|to dan pho|to|ap|khu|khom|lang|ho ngheo|ho can ngheo|ho co muc song trung binh|ho thoat ngheo|ho thoat can ngheo)\b/;
const VILLAGE_SECTION = /^(thon|ban|xom|to dan pho|to|ap|khu|khom|lang)\b/;
const NUMBERING_TOKEN = /^\(?([a-z]{1,2}|\d{1,3}|\d{1,3}\s*=\s*[\d\s+\-*/x.()]+)\)?$/i;

/** Village and class named by the last section row, for the households below it. */
export interface SectionState {
  village: string;
  householdClass: HouseholdClass | null;
}

export interface RowKinds {
  /** What a row is, judged cheaply: most rows are households and answer at the first test. */
  rowKind(row: SourceRow): SkipReason | 'data';
  /** A page break printed into the sheet repeats the header's own texts. */
  isRepeatedHeader(row: SourceRow): boolean;
  /** Set by the section rows passed over; read when a household's cells are built. */
  readonly section: SectionState;
}

/**
 * Tells the rows of one sheet apart: blank, numbering row, repeated header,
 * footer or signature, total, section row ("Thôn …", "I. Hộ nghèo"), or data.
 * `headerEndRow` is the sheet row of the header's last row.
 */
export function createRowKinds(reading: SheetReading, headerEndRow: number): RowKinds {
  const { header, column, fix, get, text } = reading;
  const section: SectionState = { village: '', householdClass: null };
  let numberingTexts: string[] | null = null;

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
    const filledAt = row.cells.findIndex((c) => c !== null && c !== undefined && rawCellText(c) !== '');
    return filledAt < nameColumn;
  }

  /** A one-cell row naming a village or a class heads the households below it. */
  function isSection(text: string, key: string): boolean {
    const bare = key.replace(/^(?:[ivx]+|[a-z]|\d{1,2})\s+/, '');
    if (!SECTION.test(key)) return false;
    if (VILLAGE_SECTION.test(bare)) section.village = text.trim().replace(/^(?:[IVXivx]+|[A-Za-z]|\d{1,2})[.)]\s*/, '');
    else section.householdClass = listClass(bare) ?? (/thoat/.test(bare) ? null : section.householdClass);
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
    if (numberingTexts !== null) return row.cells.every((c, i) => rawCellText(c) === '' || rawCellText(c) === numberingTexts![i]);
    // The numbering row sits right under the header; later, only its exact repeats count.
    if (row.row > headerEndRow + 2 || filled < 3) return false;
    const tokens = row.cells.map((c) => rawCellText(c)).filter((t) => t !== '');
    const numbering = tokens.filter((t) => NUMBERING_TOKEN.test(t)).length >= Math.max(3, tokens.length * 0.8) && runsInSequence(tokens);
    if (numbering) numberingTexts = row.cells.map((c) => rawCellText(c));
    return numbering;
  }

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
    if (!header.texts.some((texts) => texts[first] === firstText)) return false;
    let same = 0;
    let filled = 0;
    for (let c = 0; c < row.cells.length; c += 1) {
      const value = row.cells[c];
      if (typeof value !== 'string' || value.trim() === '') continue;
      filled += 1;
      const trimmed = fix(value.trim());
      if (header.texts.some((texts) => texts[c] === trimmed)) same += 1;
    }
    return filled >= 2 && same >= filled * 0.7;
  }

  return { rowKind, isRepeatedHeader, section };
}

/** A list number: a number, or digits in a text file. */
export function isListNumber(value: RawCellValue): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value));
}

/**
 * A numbering row counts its columns: its numbers rise left to right (1, 2,
 * 3=1+2, 4 …) and so do its letters (A, B, C). A household row of marks and
 * counts ([1, "Lò Văn Một", 4, 1, 0, 1 …]) does not.
 */
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
