import type { IndicatorDefinition } from './standard.js';

/** `"Bảo hiểm y tế" (d_health_insurance), "Việc làm" (d_employment) and 3 more`: indicators named in one short line. */
export function nameIndicators(indicators: readonly IndicatorDefinition[], shown = 3): string {
  const names = indicators.slice(0, shown).map((i) => `"${i.label.vi}" (d_${i.code})`);
  const more = indicators.length - shown;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
