import { excelSerialToIsoDate } from './styles.js';
import { decodeXmlText, textRuns } from './xml-text.js';

/** A cell as povroll reads it: text, a number, a boolean, or empty. Dates come as ISO text. */
export type Cell = string | number | boolean | null;

/** One spreadsheet row: its 1-based number in the sheet and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** Where the scan stands between chunks, and what it has noticed. */
export interface ScanState {
  lastRow: number;
  column: number;
  /** Formula cells saved without their value (a workbook written by a program that does not calculate). */
  formulasWithoutValue: number;
}

export interface ScanContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
  /** The workbook counts dates from 1904-01-01 (workbookPr date1904), not from 1900. */
  date1904: boolean;
}

/** The namespace prefix of the sheet's elements as bytes ("x:" from .NET tools; usually none). */
type SheetPrefix = Buffer;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const EQUALS = 61;

/**
 * Scans `<row>` elements of worksheet XML straight from the inflated bytes,
 * appending complete rows to `rows`, and returns where the unread tail
 * begins (the start of a row cut by the end of the buffer). A byte-level
 * state machine instead of an XML parser or string searches: exceljs's
 * streaming reader takes about six times as long (docs/libraries.md), and
 * a bordered roll writes every table cell, a million rows of them.
 */
export function scanRows(bytes: Buffer, context: ScanContext, rows: SheetRow[], prefix: SheetPrefix, state: ScanState): number {
  const end = bytes.length;
  let position = 0;
  let rowStart = -1;
  let cells: Cell[] = [];
  let rowNumber = 0;
  for (;;) {
    // Cells sit side by side: look at the next byte before searching.
    const lt = bytes[position] === LT ? position : bytes.indexOf(LT, position);
    if (lt < 0) break;
    let at = lt + 1;
    const closing = bytes[at] === SLASH;
    if (closing) at += 1;
    if (!hasPrefix(bytes, at, prefix)) {
      position = at;
      continue;
    }
    at += prefix.length;
    const name = bytes[at];
    if (name === 99 /* c */ && isNameEnd(bytes[at + 1]!) && !closing && rowStart >= 0) {
      const next = readCell(bytes, at + 1, end, context, prefix, cells, state);
      if (next < 0) break;
      position = next;
      continue;
    }
    if (name === 114 /* r */ && bytes[at + 1] === 111 && bytes[at + 2] === 119 && isNameEnd(bytes[at + 3]!)) {
      const gt = bytes.indexOf(GT, at);
      if (gt < 0) break;
      if (closing) {
        rows.push({ row: rowNumber, cells });
        state.lastRow = rowNumber;
        rowStart = -1;
      } else if (bytes[gt - 1] === SLASH) {
        state.lastRow = attributeNumber(bytes, at + 3, gt, 114) || state.lastRow + 1;
      } else {
        rowStart = lt;
        rowNumber = attributeNumber(bytes, at + 3, gt, 114) || state.lastRow + 1;
        cells = [];
        state.column = -1;
      }
      position = gt + 1;
      continue;
    }
    position = at;
  }
  // Resume at the row cut by the end of the buffer, or at a tag cut in two ("<ro").
  if (rowStart >= 0) return rowStart;
  const lastTag = bytes.lastIndexOf(LT);
  return lastTag >= 0 && bytes.indexOf(GT, lastTag) < 0 ? lastTag : end;
}

/** Reads one `<c …>…</c>` from just after its name; returns the position after it, or -1 if the buffer ends first. */
function readCell(bytes: Buffer, from: number, end: number, context: ScanContext, prefix: SheetPrefix, cells: Cell[], state: ScanState): number {
  const gt = nextByte(bytes, GT, from, end);
  if (gt < 0) return -1;
  // An empty cell with its reference first (` r="…"`, as writers put it) adds nothing: skip its
  // attributes. Writers that give references give them on every cell, so no count is lost.
  if (bytes[gt - 1] === SLASH && bytes[from + 1] === 114 && bytes[from + 2] === EQUALS) return gt + 1;
  // A cell without a reference follows the one before it, empty or not.
  let column = state.column + 1;
  let style = 0;
  let type = 110; // n
  let typeSecond = 0;
  // Attributes: ` r="B5"`, ` s="3"`, ` t="s"`, in any order.
  for (let k = from; k < gt - 3; k += 1) {
    if (bytes[k + 2] !== EQUALS || bytes[k + 3] !== QUOTE || !isSpace(bytes[k]!)) continue;
    const attribute = bytes[k + 1];
    const value = k + 4;
    if (attribute === 114 /* r */) column = columnIndex(bytes, value);
    else if (attribute === 115 /* s */) style = digits(bytes, value);
    else if (attribute === 116 /* t */) {
      type = bytes[value]!;
      typeSecond = bytes[value + 1]!;
    }
    k = bytes.indexOf(QUOTE, value);
  }
  state.column = column;
  if (bytes[gt - 1] === SLASH) return gt + 1;
  // Most cells are exactly <v>…</v></c> (no prefix, no formula): read them with one search.
  if (prefix.length === 0 && type !== 105 && bytes[gt + 1] === LT && bytes[gt + 2] === 118 && bytes[gt + 3] === GT) {
    const valueEnd = nextByte(bytes, LT, gt + 4, end);
    if (valueEnd < 0 || valueEnd + 8 > end) return -1;
    if (
      bytes[valueEnd + 1] === SLASH &&
      bytes[valueEnd + 2] === 118 &&
      bytes[valueEnd + 4] === LT &&
      bytes[valueEnd + 6] === 99 &&
      bytes[valueEnd + 7] === GT
    ) {
      const value = cellValue(bytes, gt + 4, valueEnd, type, typeSecond, style, context);
      if (value !== null && value !== '') {
        while (cells.length < column) cells.push(null);
        cells[column] = value;
      }
      return valueEnd + 8;
    }
  }
  // Content: an optional formula <f>…</f>, then <v>…</v> or an inline <is>…</is>; then </c>.
  const close = indexOfClose(bytes, gt + 1, prefix, 99);
  if (close < 0) return -1;
  let value: Cell = null;
  if (type === 105 /* inlineStr */) {
    value = textRuns(bytes.toString('utf8', gt + 1, close)).normalize('NFC');
  } else {
    const v = indexOfOpen(bytes, gt + 1, close, prefix, 118 /* v */);
    if (v >= 0) {
      const valueStart = bytes.indexOf(GT, v) + 1;
      const valueEnd = bytes.indexOf(LT, valueStart);
      value = cellValue(bytes, valueStart, valueEnd, type, typeSecond, style, context);
    } else if (indexOfOpen(bytes, gt + 1, close, prefix, 102 /* f */) >= 0) {
      state.formulasWithoutValue += 1;
    }
  }
  if (value !== null && value !== '') {
    while (cells.length < column) cells.push(null);
    cells[column] = value;
  }
  return bytes.indexOf(GT, close) + 1;
}

function cellValue(bytes: Buffer, start: number, end: number, type: number, typeSecond: number, style: number, context: ScanContext): Cell {
  if (start >= end) return null;
  switch (type) {
    case 115: // s: shared string; str: formula text
      if (typeSecond === 116) return decodeXmlText(bytes.toString('utf8', start, end)).normalize('NFC');
      return context.sharedStrings[digits(bytes, start)] ?? null;
    case 98: // b
      return bytes[start] === 49;
    case 101: // e: an error such as #N/A stays visible as text
      return decodeXmlText(bytes.toString('latin1', start, end));
    case 100: // d: ISO date
      return bytes.toString('latin1', start, Math.min(end, start + 10));
    default: {
      const number = numberAt(bytes, start, end);
      if (Number.isNaN(number)) return decodeXmlText(bytes.toString('utf8', start, end));
      return context.dateStyles[style] === true ? excelSerialToIsoDate(number, context.date1904) : number;
    }
  }
}

/** A number from bytes: whole numbers digit by digit, anything else (decimals, exponents) through Number(). */
function numberAt(bytes: Buffer, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 45;
  if (negative) i += 1;
  let value = 0;
  if (end - i > 15) return Number(bytes.toString('latin1', start, end));
  for (; i < end; i += 1) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return Number(bytes.toString('latin1', start, end));
    value = value * 10 + (code - 48);
  }
  return negative ? -value : value;
}

function digits(bytes: Buffer, at: number): number {
  let value = 0;
  for (let i = at; ; i += 1) {
    const code = bytes[i]!;
    if (code < 48 || code > 57) return value;
    value = value * 10 + (code - 48);
  }
}

/** Column index of a reference such as "AB12". */
function columnIndex(bytes: Buffer, at: number): number {
  let index = 0;
  for (let i = at; ; i += 1) {
    const code = bytes[i]!;
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/** A numeric attribute (`r="12"`) of a start tag, 0 when absent. */
function attributeNumber(bytes: Buffer, from: number, to: number, name: number): number {
  for (let k = from; k < to - 3; k += 1) {
    if (bytes[k + 1] === name && bytes[k + 2] === EQUALS && bytes[k + 3] === QUOTE && isSpace(bytes[k]!)) return digits(bytes, k + 4);
  }
  return 0;
}

/** The next `</{prefix}{name}>` from `from`, or -1. */
function indexOfClose(bytes: Buffer, from: number, prefix: SheetPrefix, name: number): number {
  for (let lt = bytes.indexOf(LT, from); lt >= 0; lt = bytes.indexOf(LT, lt + 1)) {
    if (bytes[lt + 1] !== SLASH || !hasPrefix(bytes, lt + 2, prefix)) continue;
    const at = lt + 2 + prefix.length;
    if (bytes[at] === name && bytes[at + 1] === GT) return lt;
  }
  return -1;
}

/** The next `<{prefix}{name}` start tag between `from` and `to`, or -1. */
function indexOfOpen(bytes: Buffer, from: number, to: number, prefix: SheetPrefix, name: number): number {
  for (let lt = bytes.indexOf(LT, from); lt >= 0 && lt < to; lt = bytes.indexOf(LT, lt + 1)) {
    if (!hasPrefix(bytes, lt + 1, prefix)) continue;
    const at = lt + 1 + prefix.length;
    if (bytes[at] === name && isNameEnd(bytes[at + 1]!)) return lt;
  }
  return -1;
}

function hasPrefix(bytes: Buffer, at: number, prefix: SheetPrefix): boolean {
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isNameEnd(code: number): boolean {
  return code === 32 || code === GT || code === SLASH || code === 9 || code === 10 || code === 13;
}

/**
 * The next `code` from `from`, or -1: a plain loop, because the distances
 * inside a cell are a few bytes and Buffer#indexOf costs a call into C++
 * each time (a quarter of the scan of a bordered sheet, measured).
 */
function nextByte(bytes: Buffer, code: number, from: number, end: number): number {
  for (let i = from; i < end; i += 1) if (bytes[i] === code) return i;
  return -1;
}
