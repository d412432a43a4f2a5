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
  const named = new Map<number | null, string>();
  for (const input of inputs) {
    if (input.list === null) continue;
    for (const year of input.years.keys()) {
      if (!named.has(year)) named.set(year, `"${input.path}" is titled as a list of ${LIST_NAMES[input.list] ?? input.list}`);
    }
  }
  const maxPoorShare = (maxPoorSharePercent ?? 60) / 100;
  return (year) => ({ named: named.get(year) ?? null, maxPoorShare });
}

/** The warning for a year whose rolls are a list: what was seen, and what to pass. */
export function listWarning(list: string, what: string): string {
  return `${what} looks like a list of some households only (${list}): rates need every resident household, so they are left empty; give the households of each area with --totals FILE`;
}
