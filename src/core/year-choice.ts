/**
 * The review year rates are computed for: a roll of several years needs one
 * chosen, since adding years counts households twice. Returns the year, or
 * why none can be chosen (for the shell to word as an error).
 */
export function chooseYear(years: readonly (number | null)[], wanted: number | undefined): { year: number | null } | { problem: string } {
  if (wanted !== undefined) {
    if (!years.includes(wanted)) return { problem: `no household has review year ${wanted} (found ${years.map(String).join(', ') || 'none'})` };
    return { year: wanted };
  }
  if (years.length > 1) {
    const list = years
      .map((y) => (y === null ? 'unknown' : String(y)))
      .sort()
      .join(', ');
    return { problem: `the roll holds review years ${list}; pick one with --year, or compare them with "povroll compare"` };
  }
  return { year: years[0] ?? null };
}
