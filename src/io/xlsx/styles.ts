import { attribute } from './xml-text.js';

/** Excel's built-in number formats that show dates or times. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a custom format code shows a date: d, m, y outside quotes, escapes and [colour] brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style index (`s` attribute), whether its number format is a date. */
export function dateStyles(stylesXml: string | null): boolean[] {
  if (stylesXml === null) return [];
  const custom = new Map<number, string>();
  for (const match of stylesXml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = Number(attribute(match[0], 'numFmtId'));
    const code = attribute(match[0], 'formatCode');
    if (code !== null) custom.set(id, code);
  }
  const cellXfs = /<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<(?:\w+:)?xf\s[^>]*?\/?>/g)].map((match) => {
    const id = Number(attribute(match[0], 'numFmtId') ?? '0');
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/**
 * An Excel serial day number as an ISO date, in the 1900 date system or,
 * for a workbook marked date1904, the 1904 one; a number past year 9999
 * stays a number.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | number {
  if (date1904) {
    // Day 0 is 1904-01-01, with no 29 February 1900: the same day is 1,462 less than in the 1900 system.
    if (!(serial >= 0 && serial < 2_957_004)) return serial;
    return new Date(Date.UTC(1904, 0, 1) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
  }
  if (!(serial >= 0 && serial < 2_958_466)) return serial;
  // Day 60 is the 29 February 1900 Excel wrongly keeps; serials after it are one day ahead.
  const days = serial > 60 ? serial - 1 : serial;
  const millis = Date.UTC(1899, 11, 31) + Math.floor(days) * 86_400_000;
  return new Date(millis).toISOString().slice(0, 10);
}

/** Whether a workbook's dates count from 1904 (`<workbookPr date1904="1"/>` or "true" in xl/workbook.xml). */
export function usesDate1904(workbookXml: string): boolean {
  const properties = /<(?:\w+:)?workbookPr[\s/>][^>]*>/.exec(workbookXml)?.[0] ?? '';
  return /\sdate1904\s*=\s*(["'])\s*(1|true)\s*\1/.test(properties);
}
