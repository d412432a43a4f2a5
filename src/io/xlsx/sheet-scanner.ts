import { excelSerialToIsoDate } from './styles.js';
import { decodeXmlText, textRuns, utf8FromLatin1 } from './xml-text.js';

/** A cell as povroll reads it: text, a number, a boolean, or empty. Dates come as ISO text. */
export type Cell = string | number | boolean | null;

/** One spreadsheet row: its 1-based number in the sheet and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface ScanContext {
  sharedStrings: readonly string[];
  dateStyles: readonly boolean[];
}

/** Element names with the sheet's namespace prefix (most files have none; .NET tools write "x:"). */
export interface SheetTags {
  row: string;
  rowEnd: string;
  cell: string;
  cellEnd: string;
  value: string;
  valueEnd: string;
  dataEnd: string;
}

export function sheetTags(prefix: string): SheetTags {
  return {
    row: `<${prefix}row`,
    rowEnd: `</${prefix}row>`,
    cell: `<${prefix}c`,
    cellEnd: `</${prefix}c>`,
    value: `<${prefix}v`,
    valueEnd: `</${prefix}v>`,
    dataEnd: `</${prefix}sheetData>`,
  };
}

/**
 * Scans `<row>` elements of worksheet XML, given as latin1 text, and returns
 * the rows and where the unread tail begins. A tight scanner instead of an
 * XML parser: exceljs's streaming reader takes about six times as long
 * (notes/libraries.md), and a national roll is millions of rows.
 *
 * Attribute searches use the next occurrence found so far, so each pattern is
 * searched once over the text instead of once per cell.
 */
export function scanRows(text: string, context: ScanContext, rows: SheetRow[], tags: SheetTags = sheetTags('')): { consumed: number; done: boolean } {
  const { row: ROW, rowEnd: ROW_END, cell: CELL, cellEnd: CELL_END, value: VALUE, valueEnd: VALUE_END } = tags;
  const dataEnd = text.indexOf(tags.dataEnd);
  const limit = dataEnd >= 0 ? dataEnd : text.length;
  let position = 0;
  let nextR = -2;
  let nextT = -2;
  let nextS = -2;
  for (;;) {
    let rowStart = text.indexOf(ROW, position);
    while (rowStart >= 0 && rowStart < limit && !isTagEnd(text.charCodeAt(rowStart + ROW.length))) rowStart = text.indexOf(ROW, rowStart + ROW.length);
    if (rowStart < 0 || rowStart >= limit) break;
    const rowTagEnd = text.indexOf('>', rowStart);
    if (rowTagEnd < 0) break;
    const rowNumber = numberAttribute(text, rowStart, rowTagEnd, ' r="');
    const number = rowNumber > 0 ? rowNumber : (rows.length > 0 ? rows[rows.length - 1]!.row + 1 : 1);
    if (text.charCodeAt(rowTagEnd - 1) === 47 /* / */) {
      position = rowTagEnd + 1;
      continue;
    }
    const rowEnd = text.indexOf(ROW_END, rowTagEnd);
    if (rowEnd < 0) break;
    const cells: Cell[] = [];
    let column = -1;
    let cellStart = text.indexOf(CELL, rowTagEnd);
    while (cellStart >= 0 && cellStart < rowEnd) {
      if (!isTagEnd(text.charCodeAt(cellStart + CELL.length))) {
        cellStart = text.indexOf(CELL, cellStart + CELL.length);
        continue;
      }
      const tagEnd = text.indexOf('>', cellStart);
      // A pattern found nowhere ahead is parked at the end, so it is not searched again for every cell.
      if (nextR < cellStart) nextR = after(text, ' r="', cellStart);
      if (nextT < cellStart) nextT = after(text, ' t="', cellStart);
      if (nextS < cellStart) nextS = after(text, ' s="', cellStart);
      column = nextR < tagEnd ? columnIndex(text, nextR + 4) : column + 1;
      const type = nextT < tagEnd ? text.charCodeAt(nextT + 4) : 110; /* n */
      const typeIsInline = type === 105 /* i */;
      const typeIsStr = type === 115 /* s */ && text.charCodeAt(nextT + 5) === 116; /* "str" */
      let contentEnd = tagEnd + 1;
      let value: Cell = null;
      if (text.charCodeAt(tagEnd - 1) !== 47) {
        const close = text.indexOf(CELL_END, tagEnd);
        contentEnd = close + CELL_END.length;
        if (typeIsInline) {
          value = textRuns(utf8FromLatin1(text.slice(tagEnd + 1, close))).normalize('NFC');
        } else {
          const v = text.indexOf(VALUE, tagEnd);
          if (v >= 0 && v < close) {
            const vOpen = text.indexOf('>', v);
            const raw = text.slice(vOpen + 1, text.indexOf(VALUE_END, vOpen));
            value = cellValue(raw, type, typeIsStr, nextS < tagEnd ? numberAt(text, nextS + 4) : 0, context);
          }
        }
      }
      if (value !== null && value !== '') {
        while (cells.length < column) cells.push(null);
        cells[column] = value;
      }
      cellStart = text.indexOf(CELL, contentEnd);
    }
    rows.push({ row: number, cells });
    position = rowEnd + ROW_END.length;
  }
  return { consumed: position, done: dataEnd >= 0 && text.indexOf(ROW, position) < 0 };
}

function cellValue(raw: string, type: number, typeIsStr: boolean, style: number, context: ScanContext): Cell {
  switch (type) {
    case 115: /* s: shared string, or str: formula text */
      if (typeIsStr) return decodeXmlText(utf8FromLatin1(raw)).normalize('NFC');
      return context.sharedStrings[Number(raw)] ?? null;
    case 98: /* b */
      return raw === '1';
    case 101: /* e: an error such as #N/A stays visible as text */
      return decodeXmlText(raw);
    case 100: /* d: ISO date */
      return raw.slice(0, 10);
    default: {
      if (raw === '') return null;
      const number = Number(raw);
      if (Number.isNaN(number)) return decodeXmlText(utf8FromLatin1(raw));
      return context.dateStyles[style] === true ? excelSerialToIsoDate(number) : number;
    }
  }
}

function after(text: string, pattern: string, from: number): number {
  const at = text.indexOf(pattern, from);
  return at < 0 ? text.length : at;
}

function isTagEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** Column index of a reference such as "AB12" starting at `at`. */
function columnIndex(text: string, at: number): number {
  let index = 0;
  for (let i = at; ; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

function numberAt(text: string, at: number): number {
  let value = 0;
  for (let i = at; ; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return value;
    value = value * 10 + (code - 48);
  }
}

function numberAttribute(text: string, start: number, end: number, pattern: string): number {
  const at = text.indexOf(pattern, start);
  return at >= 0 && at < end ? numberAt(text, at + pattern.length) : 0;
}
