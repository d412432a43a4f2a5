import type { ListKind } from '../core/ingest/title.js';
import type { ListEvidence } from '../core/rates.js';
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
export function listEvidenceByYear(inputs: readonly InputFacts[], maxPoorSharePercent: number | undefined): (year: number | null) => ListEvidence {
  const named = new Map<number | null, { text: string; kind: ListKind }>();
  for (const input of inputs) {
    if (input.list === null) continue;
    for (const year of input.years.keys()) {
      if (!named.has(year)) named.set(year, { text: `"${input.path}" is titled as a list of ${LIST_NAMES[input.list] ?? input.list}`, kind: input.list as ListKind });
    }
  }
  const maxPoorShare = (maxPoorSharePercent ?? 60) / 100;
  return (year) => ({ named: named.get(year)?.text ?? null, kind: named.get(year)?.kind ?? null, maxPoorShare });
}

/** The warning for a year whose rolls are a list: what was seen, and what to pass (or, with totals, what stays unknown). */
export function listWarning(list: string, what: string, withTotals: boolean): string {
  if (withTotals) return `${what} looks like a list of some households only (${list}): rates are over the households of --totals; counts of the classes the list does not hold are left empty`;
  return `${what} looks like a list of some households only (${list}): rates need every resident household, so they are left empty; give the households of each area with --totals FILE`;
}
