import type { Area, HouseholdClass, PriorStatus } from '../household.js';
import { FieldError } from '../roll.js';
import { matchKey } from './match-key.js';

/**
 * A cell of a source roll as a reader gives it, before ingest reads it:
 * text, number, boolean or empty (dates arrive as ISO text). The cells
 * povroll writes on its own sheets are sheet-model's CellValue.
 */
export type RawCellValue = string | number | boolean | null;

/** Texts offices write for "nothing here". */
const EMPTY_MARKERS = new Set(['', '-', '--', '---', 'khong co', '.', 'n a', 'na']);
const EMPTY_TEXTS = new Set(['-', '--', '---', '.', '–', '—', 'không có', 'Không có', 'KHÔNG CÓ', 'n/a', 'N/A', 'na', 'NA']);

/** A source cell as trimmed text (empty for an empty cell). */
export function rawCellText(value: RawCellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.trim();
  return String(value);
}

/** Text with the empty markers ("--", "không có", a lone space) read as empty. */
export function textValue(value: RawCellValue): string {
  const text = rawCellText(value);
  // Text reaches here composed (NFC): the markers' written forms are compared as they are.
  return EMPTY_TEXTS.has(text) ? '' : text;
}

const YES = new Set(['x', '1', 'co', 'yes', 'true', 'v', 'c']);
const NO = new Set(['', '0', 'khong', 'no', 'false', 'k']);
const YES_SYMBOLS = new Set(['✓', '✔', '☑', '√', '✗', '✘', '⊠', '●', '•', '+']);

/** A mark cell: x, X, 1, ✓, có → true; blank, 0, không, - → false; anything else is an error. */
export function markValue(value: RawCellValue, column: string): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value === 1) return true;
    if (value === 0) return false;
    throw new FieldError(column, String(value), 'a mark (x, 1, ✓, có) or blank');
  }
  const text = value.trim();
  if (text === 'x' || text === 'X') return true;
  if (text === '' || EMPTY_TEXTS.has(text)) return false;
  if (YES_SYMBOLS.has(text)) return true;
  const key = matchKey(text);
  // Punctuation alone ("?", "*") has an empty key: it is not a blank.
  if (key === '') throw new FieldError(column, text, 'a mark (x, 1, ✓, có) or blank');
  if (YES.has(key)) return true;
  if (NO.has(key) || EMPTY_MARKERS.has(key)) return false;
  throw new FieldError(column, text, 'a mark (x, 1, ✓, có) or blank');
}

/**
 * How a column writes numbers: Vietnamese style (1.500.000 and 25,95) or
 * English style (1,500,000 and 25.95). Learnt from the values whose style is
 * plain; `1.500` alone could be either, so it follows the column.
 */
export interface NumberStyle {
  style: 'vi' | 'en' | null;
  /** The style an ambiguous "1.500" was read in before the column showed its own. */
  assumed?: 'vi' | 'en';
}

const CURRENCY = /\s*(đồng|đ|vnđ|vnd|₫|dong)\.?\s*$/i;

/** A number written by a person or an export: "1.500.000 đ", "25,95%", "(1.234)", "123.0". */
export function numberValue(value: RawCellValue, column: string, style: NumberStyle): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') throw new FieldError(column, String(value), 'a number');
  let text = value
    .trim()
    .replace(CURRENCY, '')
    .replace(/%$/, '')
    .replace(/[\s\u00a0]/g, '');
  // Only a text without digits can be an empty marker: test that before computing its key.
  if (!/\d/.test(text) && EMPTY_MARKERS.has(matchKey(text))) return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) throw new FieldError(column, value.trim(), 'a number');
  const number = parseDigits(text, style, column, value.trim());
  return negative ? -number : number;
}

function parseDigits(text: string, style: NumberStyle, column: string, original: string): number {
  const dots = count(text, '.');
  const commas = count(text, ',');
  const learn = (found: 'vi' | 'en') => {
    const known = style.style ?? style.assumed ?? null;
    if (known !== null && known !== found) {
      throw new FieldError(
        column,
        original,
        `a number in the column's own style (it mixes ${known === 'vi' ? '1.500,5' : '1,500.5'} and ${found === 'vi' ? '1.500,5' : '1,500.5'})`,
      );
    }
    style.style = found;
  };
  if (dots === 0 && commas === 0) return Number(text);
  if (dots > 0 && commas > 0) {
    // The later separator is the decimal mark.
    const vi = text.lastIndexOf(',') > text.lastIndexOf('.');
    learn(vi ? 'vi' : 'en');
    return vi ? toNumber(text.replaceAll('.', '').replace(',', '.'), column, original) : toNumber(text.replaceAll(',', ''), column, original);
  }
  const separator = dots > 0 ? '.' : ',';
  const groups = text.split(separator);
  // "0.500" and "1234.567" cannot be thousands: their first group is 0 or longer than three digits.
  if (groups.length === 2 && (groups[0] === '0' || groups[0]!.length > 3)) {
    learn(separator === '.' ? 'en' : 'vi');
    return Number(`${groups[0]}.${groups[1]}`);
  }
  const thousands = groups.length > 2 || (groups[1]!.length === 3 && groups[0]!.length <= 3 && groups[0] !== '0');
  const plain = groups.length > 2 || groups[1]!.length !== 3;
  if (thousands && groups.slice(1).some((g) => g.length !== 3)) throw new FieldError(column, original, 'a number');
  if (plain) {
    // Unambiguous: several groups are thousands; one group of other than three digits is a decimal part.
    if (groups.length > 2) learn(separator === '.' ? 'vi' : 'en');
    else learn(separator === '.' ? 'en' : 'vi');
    return groups.length > 2 ? Number(groups.join('')) : Number(`${groups[0]}.${groups[1]}`);
  }
  // "1.500" or "1,500": thousands in the column's style, Vietnamese by default —
  // an assumption a later value of the other style reports instead of passing.
  const columnStyle = style.style ?? style.assumed ?? 'vi';
  if (style.style === null) style.assumed = columnStyle;
  const isThousands = (separator === '.') === (columnStyle === 'vi');
  return isThousands ? Number(groups.join('')) : Number(`${groups[0]}.${groups[1]}`);
}

function toNumber(text: string, column: string, original: string): number {
  const number = Number(text);
  if (Number.isNaN(number)) throw new FieldError(column, original, 'a number');
  return number;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** Codes offices use for the class; an assumption, overridable with `--map` (`class_codes`). */
export const DEFAULT_CLASS_CODES: Readonly<Record<string, HouseholdClass>> = { '1': 'poor', '2': 'near_poor', '3': 'average' };

const CLASS_LABELS = new Map<string, HouseholdClass>([
  ['ho ngheo', 'poor'],
  ['ngheo', 'poor'],
  ['hn', 'poor'],
  ['poor', 'poor'],
  ['ho can ngheo', 'near_poor'],
  ['can ngheo', 'near_poor'],
  ['hcn', 'near_poor'],
  ['near poor', 'near_poor'],
  ['ho co muc song trung binh', 'average'],
  ['co muc song trung binh', 'average'],
  ['muc song trung binh', 'average'],
  ['ho muc song trung binh', 'average'],
  ['trung binh', 'average'],
  ['mstb', 'average'],
  ['average', 'average'],
  ['ho khong ngheo', 'non_poor'],
  ['khong ngheo', 'non_poor'],
  ['thoat ngheo', 'non_poor'],
  ['ho thoat ngheo', 'non_poor'],
  ['thoat can ngheo', 'non_poor'],
  ['ho thoat can ngheo', 'non_poor'],
  ['non poor', 'non_poor'],
]);

/**
 * A class label in its many spellings, matched whole ("cận nghèo" contains
 * "nghèo": a substring match would miscount). A household that escaped
 * poverty into near-poverty is near-poor.
 */
export function classValue(value: RawCellValue, column: string, codes: Readonly<Record<string, HouseholdClass>>): HouseholdClass | null {
  const text = textValue(value);
  if (text === '') return null;
  const key = matchKey(text);
  const byCode = codes[key];
  if (byCode !== undefined) return byCode;
  const known = CLASS_LABELS.get(key) ?? CLASS_LABELS.get(key.replace(/ \d{4}$/, ''));
  if (known !== undefined) return known;
  if (/^(ho )?thoat ngheo\b.*\bcan ngheo$/.test(key)) return 'near_poor';
  throw new FieldError(column, text, 'a class (hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, hộ không nghèo, or a code)');
}

/** "Thành thị" / "Nông thôn" (and English) as an area. */
export function areaValue(value: RawCellValue, column: string): Area | null {
  const key = matchKey(textValue(value));
  if (key === '') return null;
  if (key === 'thanh thi' || key === 'do thi' || key === 'urban' || key === 'tt') return 'urban';
  if (key === 'nong thon' || key === 'rural' || key === 'nt') return 'rural';
  throw new FieldError(column, rawCellText(value), 'thành thị or nông thôn');
}

/** A ward (phường) or township (thị trấn) is urban, a commune (xã) rural. */
export function areaOfUnit(communeName: string): Area | null {
  const key = matchKey(communeName);
  if (/^(phuong|thi tran|p|tt)\b/.test(key)) return 'urban';
  if (/^xa\b/.test(key)) return 'rural';
  return null;
}

/** The year in a cell: 2024, "2024", "Năm 2024", a date "2024-03-15". */
export function yearValue(value: RawCellValue, column: string): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2100) return value;
  const text = textValue(value);
  if (text === '') return null;
  const match = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(text);
  if (match) return Number(match[1]);
  throw new FieldError(column, text, 'a year');
}

/** A whole number of people; "5 người" and 5.0 included. */
export function countValue(value: RawCellValue, column: string, style: NumberStyle): number | null {
  const text = typeof value === 'string' ? value.replace(/\s*(người|nguoi|khẩu|khau|nk)\.?\s*$/i, '') : value;
  const number = numberValue(text, column, style);
  if (number === null) return null;
  if (!Number.isInteger(number) || number < 0) throw new FieldError(column, rawCellText(value), 'a whole number');
  return number;
}

/**
 * How a list marks a household against earlier years: "nghèo cũ" / "cận
 * nghèo cũ" continuing, "tái nghèo" / "tái cận nghèo" re-entered, "nghèo mới"
 * / "phát sinh mới" new (docs/roll.md; the lists of forms 14–15).
 */
export function priorStatusValue(value: RawCellValue, column: string): PriorStatus | null {
  const key = matchKey(textValue(value)).replace(/^ho /, '');
  if (key === '') return null;
  const bare = key
    .replace(/\b(can )?ngheo\b/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (bare === 'cu' || key === 'continuing') return 'continuing';
  if (bare === 'tai' || key === 're entered' || key === 're_entered') return 're_entered';
  if (bare === 'moi' || bare === 'phat sinh' || bare === 'phat sinh moi' || key === 'new') return 'new';
  throw new FieldError(column, rawCellText(value), 'cũ, tái nghèo or mới (continuing, re-entered or new)');
}
