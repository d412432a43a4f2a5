/**
 * A percentage `numerator / denominator × 100` rounded half up to `decimals`
 * places, computed in integers so that 1/8 gives "12.50" and no binary
 * fraction tips a rate across a rounding boundary. Empty when the
 * denominator is 0 or unknown.
 */
export function formatPercent(numerator: number, denominator: number | null, decimals = 2): string {
  return formatScaledRatio(numerator, denominator, 100, decimals);
}

/** A proportion `numerator / denominator` with `decimals` places, rounded half up. */
export function formatProportion(numerator: number, denominator: number | null, decimals = 6): string {
  return formatScaledRatio(numerator, denominator, 1, decimals);
}

function formatScaledRatio(numerator: number, denominator: number | null, scale: number, decimals: number): string {
  if (denominator === null || denominator === 0) return '';
  const unit = 10 ** decimals;
  const scaled = numerator * scale * unit;
  if (!Number.isSafeInteger(2 * Math.abs(scaled) + Math.abs(denominator))) {
    return (Math.round((numerator / denominator) * scale * unit) / unit).toFixed(decimals);
  }
  const negative = scaled < 0 !== denominator < 0;
  const n = Math.abs(scaled);
  const d = Math.abs(denominator);
  const rounded = Math.floor((2 * n + d) / (2 * d));
  const whole = Math.floor(rounded / unit);
  const fraction = String(rounded % unit).padStart(decimals, '0');
  const text = decimals === 0 ? String(whole) : `${whole}.${fraction}`;
  return negative && rounded !== 0 ? `-${text}` : text;
}

/** Percentage as a number rounded to `decimals` places, for spreadsheets; null when undefined. */
export function percent(numerator: number, denominator: number | null, decimals = 2): number | null {
  const text = formatPercent(numerator, denominator, decimals);
  return text === '' ? null : Number(text);
}
