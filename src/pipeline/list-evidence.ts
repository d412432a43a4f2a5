import type { ListKind } from '../core/ingest/title.js';
import { describeArea } from '../core/areas.js';
import { type ListEvidence, type RatesResult, areasWithUnknownCounts } from '../core/rates.js';
import { plural } from './describe.js';
import type { InputFacts } from '../core/sheet-model.js';

const LIST_NAMES: Record<string, string> = {
  poor: 'poor households',
  near_poor: 'near-poor households',
  poor_and_near_poor: 'poor and near-poor households',
  escaped: 'households that escaped poverty',
};

/**
 * The evidence, per review year, that the rolls list only some households:
 * a file whose title or sheet names say so ("DANH SÁCH HỘ NGHÈO") makes its
 * years' rates unknown without totals, whatever the other files hold.
 */
export function listEvidenceByYear(
  inputs: readonly InputFacts[],
  maxPoorSharePercent: number | undefined,
  maxUnclassifiedPercent?: number,
): (year: number | null) => ListEvidence {
  const named = new Map<number | null, { text: string; kind: ListKind }>();
  for (const input of inputs) {
    if (input.list === null) continue;
    for (const year of input.years.keys()) {
      if (!named.has(year))
        named.set(year, { text: `"${input.path}" is titled as a list of ${LIST_NAMES[input.list] ?? input.list}`, kind: input.list as ListKind });
    }
  }
  const maxPoorShare = (maxPoorSharePercent ?? 60) / 100;
  const maxUnclassified = (maxUnclassifiedPercent ?? 5) / 100;
  return (year) => ({ named: named.get(year)?.text ?? null, kind: named.get(year)?.kind ?? null, maxPoorShare, maxUnclassified });
}

/** The warning for a year whose rolls are a list: what was seen, and what to pass (or, with totals, what stays unknown). */
export function listWarning(list: string, what: string, withTotals: boolean): string {
  if (withTotals)
    return `${what} looks like a list of some households only (${list}): rates are over the households of --totals; counts of the classes the list does not hold are left empty`;
  return `${what} looks like a list of some households only (${list}): rates need every resident household, so they are left empty; give the households of each area with --totals FILE`;
}

/** The warning for areas whose counts are unknown because too many of their households are unclassified, or null. */
export function unknownCountsWarning(result: RatesResult, what: string): string | null {
  const areas = areasWithUnknownCounts(result);
  if (areas.length === 0) return null;
  const shown = areas
    .filter((a) => a.tally.level !== 'total')
    .slice(0, 3)
    .map((a) => `${describeArea(a.tally.location, a.tally.level)}: ${a.tally.unclassified.toLocaleString('en')} of ${a.tally.households.toLocaleString('en')}`);
  const share = Math.round(result.maxUnclassified * 1000) / 10;
  const total = areas.some((a) => a.tally.level === 'total') ? ' and the total' : '';
  return `${what}: in ${plural(areas.length - (total ? 1 : 0), 'area')}${total} more than ${share} % of the households are unclassified and may be poor or near-poor (${shown.join('; ') || 'the total'}): their counts and rates are left empty; unclassified_reason says what is missing (--max-unclassified)`;
}

/** The later roll repeats the earlier one household for household. */
export function identicalWarning(pair: { fromYear: number; toYear: number }): string {
  return `the ${pair.toYear} roll repeats the ${pair.fromYear} roll household for household (the same codes, classes, members, deprivations and places): is it the ${pair.fromYear} roll under another year? Every change shows as 0`;
}

/** Rolls on either side of the July 2025 reform compared without a crosswalk. */
export function reformWarning(pair: { fromYear: number; toYear: number }): string {
  return `the ${pair.fromYear} roll has districts and the ${pair.toYear} roll has none (the July 2025 reform): without --crosswalk FILE their units do not correspond, and households seem to have moved`;
}
