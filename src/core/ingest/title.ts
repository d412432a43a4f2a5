import type { Area, HouseholdClass } from '../household.js';
import { matchKey } from './match-key.js';
import { areaOfUnit } from './values.js';

/** What the title block (or a sheet or file name) says about the rows below it. */
export interface TitleFacts {
  province: string;
  district: string;
  commune: string;
  area: Area | null;
  year: number | null;
  /** The class every household of a single-class list has ("DANH SÁCH HỘ NGHÈO"), or null. */
  listClass: HouseholdClass | null;
  /** The title says the table lists only some households ("DANH SÁCH HỘ NGHÈO"), not the whole review. */
  list: ListKind | null;
}

/** Lists that hold only some households: the poor, the near-poor (or both), or those that escaped. */
export type ListKind = 'poor' | 'near_poor' | 'poor_and_near_poor' | 'escaped';

export const NO_TITLE_FACTS: TitleFacts = { province: '', district: '', commune: '', area: null, year: null, listClass: null, list: null };

const STOP = '(?=\\s*(?:[,;:(\\n]|$|\\s(?:HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ|TỈNH|NĂM|GIAI ĐOẠN|THEO|XÃ|PHƯỜNG|THỊ TRẤN)\\s))';
// "THỊ XÃ" is a town at district level, not a commune.
const COMMUNE = new RegExp(`(?:^|[\\s,.:;(])(?<!THỊ\\s)(XÃ|PHƯỜNG|THỊ TRẤN)\\s+(.+?)${STOP}`, 'iu');
const DISTRICT = new RegExp(`(?:^|[\\s,.:;(])(HUYỆN|QUẬN|THỊ XÃ|THÀNH PHỐ)\\s+(.+?)${STOP}`, 'iu');
const PROVINCE = new RegExp(`(?:^|[\\s,.:;(])(TỈNH)\\s+(.+?)${STOP}`, 'iu');

/** "XÃ HOA THÁM, HUYỆN BÌNH GIA" and the like, from the lines above the table. */
export function titleFacts(lines: readonly string[]): TitleFacts {
  const facts: TitleFacts = { ...NO_TITLE_FACTS };
  for (const raw of lines) {
    const line = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    // "UBND XÃ …" names the commune; "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" does not.
    if (/XÃ HỘI CHỦ NGHĨA/iu.test(line)) continue;
    const commune = COMMUNE.exec(line);
    if (commune && facts.commune === '') {
      facts.commune = `${titleCase(commune[1]!)} ${titleCase(commune[2]!)}`;
      facts.area ??= areaOfUnit(facts.commune);
    }
    const district = DISTRICT.exec(line.replace(COMMUNE, ' '));
    if (district && facts.district === '') facts.district = `${titleCase(district[1]!)} ${titleCase(district[2]!)}`;
    const province = PROVINCE.exec(line);
    if (province && facts.province === '') facts.province = `Tỉnh ${titleCase(province[2]!)}`;
    const year = /NĂM\s+((?:19|20)\d\d)\b/iu.exec(line);
    if (year && facts.year === null) facts.year = Number(year[1]);
    facts.listClass ??= listClass(line);
    facts.list ??= listKind(line);
  }
  return facts;
}

/**
 * What a title or sheet name says the table lists, when it lists only some
 * households: "DANH SÁCH HỘ NGHÈO", "Hộ cận nghèo", "HỘ THOÁT NGHÈO NĂM
 * 2024". "DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO" lists every
 * household reviewed, so the class words must follow "danh sách" (or open
 * the name) directly.
 */
export function listKind(text: string): ListKind | null {
  const key = matchKey(text).replace(/^(danh sach|ds)\s+/, 'danh sach ');
  if (/^(danh sach )?(cac )?(ho )?thoat (can )?ngheo\b/.test(key)) return 'escaped';
  const named = /^(?:danh sach )?((?:cac )?(?:ho|hn|hcn)\b.*)$/.exec(key);
  if (named === null || !/^(danh sach |ho |hn\b|hcn\b|cac ho )/.test(key)) return null;
  const rest = named[1]!;
  if (/^(cac )?ho (thoat ngheo|thoat can ngheo)\b/.test(rest)) return 'escaped';
  const poor = /^(cac )?(ho ngheo|hn)\b/.test(rest);
  const nearPoor = /^(cac )?(ho can ngheo|hcn)\b/.test(rest) || (poor && /\bho can ngheo\b/.test(rest));
  if (poor && nearPoor) return 'poor_and_near_poor';
  if (poor) return 'poor';
  if (nearPoor) return 'near_poor';
  return null;
}

/** The class named by a list's title or sheet name, when it names exactly one. */
export function listClass(text: string): HouseholdClass | null {
  const key = matchKey(text);
  if (/thoat/.test(key)) return null;
  const nearPoor = /\bho can ngheo\b/.test(key);
  const poor = /\bho ngheo\b/.test(key);
  if (poor && nearPoor) return null;
  if (nearPoor) return 'near_poor';
  if (poor) return 'poor';
  return null;
}

/** "HOA THÁM" → "Hoa Thám". */
function titleCase(text: string): string {
  return text
    .trim()
    .toLocaleLowerCase('vi')
    .replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
}

/** Sheet names that name nothing: "Sheet1", "Trang tính1". */
export function isGenericSheetName(name: string): boolean {
  return /^(sheet|trang tinh|tab|bang|data|du lieu)\s*\d*$/.test(matchKey(name));
}

/** A four-digit review year in a file name ("DS ho ngheo 2024.xlsx"). */
export function yearInName(name: string): number | null {
  const matches = [...name.matchAll(/(?:^|\D)(20[1-3]\d)(?=\D|$)/g)];
  return matches.length === 1 ? Number(matches[0]![1]) : null;
}
