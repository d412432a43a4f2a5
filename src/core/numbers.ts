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

/**
 * Half up on the decimal value, the magnitude rounded and the sign put back
 * (so −0.125 gives "-0.13", like 0.125 gives "0.13"); a result that rounds
 * to zero is written without a sign. Whole numbers that fit a double's
 * integers are divided as numbers; anything larger, or with decimals, as
 * exact decimals in BigInt, never through a binary fraction.
 */
function formatScaledRatio(numerator: number, denominator: number | null, scale: number, decimals: number): string {
  if (denominator === null || denominator === 0) return '';
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return ((numerator / denominator) * scale).toFixed(decimals);
  const unit = 10 ** decimals;
  const scaled = numerator * scale * unit;
  const negative = numerator !== 0 && numerator < 0 !== denominator < 0;
  if (Number.isInteger(numerator) && Number.isInteger(denominator) && Number.isSafeInteger(2 * Math.abs(scaled) + Math.abs(denominator))) {
    const n = Math.abs(scaled);
    const d = Math.abs(denominator);
    return written(BigInt(Math.floor((2 * n + d) / (2 * d))), BigInt(unit), decimals, negative);
  }
  // n / d exactly in BigInt: whole numbers as they are, others as the decimals they print as.
  const [nDigits, nExponent] = decimalOf(Math.abs(numerator));
  const [dDigits, dExponent] = decimalOf(Math.abs(denominator));
  const exponent = nExponent - dExponent + decimals;
  const n = nDigits * BigInt(scale) * 10n ** BigInt(Math.max(exponent, 0));
  const d = dDigits * 10n ** BigInt(Math.max(-exponent, 0));
  return written((2n * n + d) / (2n * d), BigInt(unit), decimals, negative);
}

/** A rounded count of units (10^-decimals) as text. */
function written(rounded: bigint, unit: bigint, decimals: number, negative: boolean): string {
  const fraction = String(rounded % unit).padStart(decimals, '0');
  const text = decimals === 0 ? String(rounded) : `${rounded / unit}.${fraction}`;
  return negative && rounded !== 0n ? `-${text}` : text;
}

/**
 * A finite, non-negative number as digits × 10^exponent: a whole number
 * exactly, one with decimals as the shortest decimal it prints as ("1.005" →
 * 1005 × 10^-3, not the binary fraction 1.00499999999999989…).
 */
function decimalOf(value: number): [bigint, number] {
  if (Number.isInteger(value)) return [BigInt(value), 0];
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value))!;
  const fraction = match[2] ?? '';
  return [BigInt(match[1]! + fraction), Number(match[3] ?? 0) - fraction.length];
}

/** Percentage as a number rounded to `decimals` places, for spreadsheets; null when undefined. */
export function percent(numerator: number, denominator: number | null, decimals = 2): number | null {
  const text = formatPercent(numerator, denominator, decimals);
  return text === '' ? null : Number(text);
}

/** A fraction of whole numbers, the denominator positive. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/**
 * A finite number as the exact fraction of the decimal it prints as
 * (0.1 → 1/10, not the binary fraction nearest it), sign included.
 */
export function decimalFraction(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const [digits, exponent] = decimalOf(Math.abs(value));
  const numerator = (value < 0 ? -digits : digits) * 10n ** BigInt(Math.max(exponent, 0));
  return { numerator, denominator: 10n ** BigInt(Math.max(-exponent, 0)) };
}

/**
 * `numerator / denominator` with `decimals` places, half up on the exact
 * value like formatPercent (the magnitude rounded, the sign put back, no
 * sign on a zero). Empty when the denominator is 0.
 */
export function formatFraction(numerator: bigint, denominator: bigint, decimals = 2): string {
  if (denominator === 0n) return '';
  const negative = numerator !== 0n && numerator < 0n !== denominator < 0n;
  const unit = 10n ** BigInt(decimals);
  const n = (numerator < 0n ? -numerator : numerator) * unit;
  const d = denominator < 0n ? -denominator : denominator;
  return written((2n * n + d) / (2n * d), unit, decimals, negative);
}
