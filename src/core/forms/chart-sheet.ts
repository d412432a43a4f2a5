import { type Level, LEVELS } from '../areas.js';
import { type Lang, label } from '../labels.js';
import { percent } from '../numbers.js';
import type { AreaRates } from '../rates.js';
import { type CellValue, type SummarySheet, type YearSummary, sheetName } from '../sheet-model.js';
import { formUnitName } from './hierarchy.js';

/** More bars than this make a chart unreadable: the chart then shows the level above. */
const MOST_BARS = 60;

/**
 * A sheet for those who would rather look than read: per unit of the deepest
 * level with at most 60 units, the poor and near-poor rates of the latest
 * year as bars, and (with an earlier year) the poor rate then and now.
 */
export function chartSheet(years: readonly YearSummary[], lang: Lang): SummarySheet | null {
  const latest = years[years.length - 1];
  if (latest === undefined) return null;
  const previous = years.length > 1 ? years[years.length - 2]! : null;
  const levels = LEVELS.filter((l) => latest.rates.levels.includes(l));
  const level = [...levels].reverse().find((l) => count(latest, l) <= MOST_BARS && count(latest, l) > 1) ?? levels[0];
  if (level === undefined) return null;
  const areas = latest.rates.areas.filter((a) => a.tally.level === level);
  const before = previous === null ? null : new Map(previous.rates.areas.filter((a) => a.tally.level === level).map((a) => [key(a), a]));
  const yearText = (y: YearSummary) => (y.year === null ? label('unknownYear', lang) : String(y.year));
  const columns = [
    { header: label('stt', lang), format: 'text' as const, width: 6, align: 'center' as const },
    { header: label('unitHeading', lang), format: 'text' as const, width: 26 },
    { header: label('rateBefore', lang, { year: yearText(latest) }), format: 'rate' as const, width: 14 },
    { header: label('nearRateBefore', lang, { year: yearText(latest) }), format: 'rate' as const, width: 14 },
    ...(previous === null ? [] : [{ header: label('rateBefore', lang, { year: yearText(previous) }), format: 'rate' as const, width: 14 }]),
  ];
  // Commune names repeat across districts: a repeated name takes its district (or province) along, so each bar is told apart.
  const names = areas.map((area) => formUnitName({ level, location: area.tally.location }, ''));
  const repeated = new Set(names.filter((name, i) => names.indexOf(name) !== i));
  const parentLevel = levels[levels.indexOf(level) - 1];
  const label_ = (area: AreaRates, name: string) =>
    repeated.has(name) && parentLevel !== undefined ? `${name} (${formUnitName({ level: parentLevel, location: area.tally.location }, '')})` : name;
  const rows = areas.map((area, i) => {
    const poorRate = (a: AreaRates) => (a.known.poor ? percent(a.tally.poor, a.households) : null);
    const cells: CellValue[] = [
      String(i + 1),
      label_(area, names[i]!),
      poorRate(area),
      area.known.nearPoor ? percent(area.tally.nearPoor, area.households) : null,
    ];
    if (before !== null) {
      const then = before.get(key(area));
      cells.push(then === undefined ? null : poorRate(then));
    }
    return { style: 'area' as const, cells };
  });
  const charts = [{ title: label('chartRates', lang, { year: yearText(latest) }), categories: 1, series: [2, 3] }];
  if (previous !== null) charts.push({ title: label('chartChange', lang, { from: yearText(previous), to: yearText(latest) }), categories: 1, series: [4, 2] });
  return {
    name: sheetName(label('chartSheet', lang)),
    title: [label('chartTitle', lang, { year: yearText(latest) }), label('byLevel', lang, { level: label(level, lang).toLowerCase() })],
    columns,
    rows,
    keyColumns: 2,
    charts,
  };
}

function count(summary: YearSummary, level: Level): number {
  return summary.rates.areas.filter((a) => a.tally.level === level).length;
}

function key(area: AreaRates): string {
  const l = area.tally.location;
  return [l.provinceCode || l.province, l.districtCode || l.district, l.communeCode || l.commune, l.village].join('\u0001');
}
