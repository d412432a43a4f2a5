import { nearestHeadings } from './ingest/fields.js';
import { nameIndicators } from './indicator-names.js';
import type { Standard } from './standard.js';

/** What one input (a file, or a sheet of a workbook) was understood to give. */
export interface FoundFields {
  /** Canonical fields the input gives: columns found, or facts from the title, the names or the options. */
  fields: ReadonlySet<string>;
  /** Headings that matched no known field: what the user may have meant. */
  unknownHeadings: readonly string[];
}

/** A field the work at hand needs and the input lacks, with what it stands for and the fix. */
export interface Shortfall {
  field: string;
  what: string;
  /** Fields a near-miss heading could be meant for. */
  wanted: readonly string[];
  fix: string;
}

const MAP_FIX = 'name the column with --map FILE';
const CANONICAL_FIX =
  'add the column to the roll (a roll written by ingest lacks it when ingest did not recognise it: ingest the source again with --map FILE)';

/** Classification needs income (or the B1 score standing for it) and, for the standard, every indicator or a count. */
export function classifyShortfalls(found: FoundFields, standard: Standard | null): Shortfall[] {
  const has = (field: string) => found.fields.has(field);
  const shortfalls: Shortfall[] = [];
  if (!has('income_per_capita') && !has('score_b1')) {
    shortfalls.push({
      field: 'income_per_capita',
      what: 'column of income per person (or of the B1 score)',
      wanted: ['income_per_capita', 'score_b1'],
      fix: MAP_FIX,
    });
  }
  if (standard !== null && !has('score_b2') && !has('deprivation_total')) {
    const missing = standard.indicators.filter((i) => !has(`d_${i.code}`));
    if (missing.length > 0) {
      const names = nameIndicators(missing);
      shortfalls.push({
        field: `d_${missing[0]!.code}`,
        what: `column for ${missing.length === 1 ? 'the indicator' : `${missing.length} indicators of ${standard.id}:`} ${names} (nor a B2 score or deprivation count)`,
        wanted: [...missing.map((i) => `d_${i.code}`), 'score_b2', 'deprivation_total'],
        fix: MAP_FIX,
      });
    }
  }
  return shortfalls;
}

/** A review year picks the standard and keeps years apart. */
export function yearShortfall(found: FoundFields): Shortfall | null {
  if (found.fields.has('review_year')) return null;
  return { field: 'review_year', what: 'review year (no year column, and none in the title or the file name)', wanted: ['review_year'], fix: 'pass --year' };
}

/** Matching households between review years needs their codes. */
export function codesShortfall(found: FoundFields): Shortfall | null {
  if (found.fields.has('household_id')) return null;
  return { field: 'household_id', what: 'household code column (Mã hộ)', wanted: ['household_id'], fix: MAP_FIX };
}

/**
 * One line: what is missing, the headings povroll did not know (each with
 * the known heading it comes closest to), and the fix.
 * "no income per person (or the B1 score); 'Thu nhậpp bình quân đầu người'
 * is not a known heading; did you mean 'Thu nhập bình quân đầu người'? Add
 * it with --map FILE"
 */
export function describeShortfalls(shortfalls: readonly Shortfall[], unknownHeadings: readonly string[], canonical = false): string {
  const missing = shortfalls.map((s) => `no ${s.what}`).join('; ');
  const wanted = new Set(shortfalls.flatMap((s) => s.wanted));
  const suggestions: string[] = [];
  const unused: string[] = [];
  for (const heading of unknownHeadings) {
    // Only a near miss for a field the work lacks helps: "Ghi chú 2" is no typo of "Ghi chú" worth a word.
    const near = nearestHeadings(heading, 3).find((n) => wanted.has(n.field));
    if (near !== undefined) suggestions.push(`'${heading}' is not a known heading; did you mean '${near.heading}' (${near.field})?`);
    else unused.push(`'${heading}'`);
  }
  const parts = [missing];
  if (unused.length > 0) parts.push(`headings not understood: ${unused.slice(0, 6).join(', ')}${unused.length > 6 ? ` and ${unused.length - 6} more` : ''}`);
  parts.push(...suggestions.slice(0, 3));
  // --map names the headings of survey rolls; a canonical roll's columns are fixed, so its fix is upstream.
  const fixes = [...new Set(shortfalls.map((s) => (canonical && s.fix === MAP_FIX ? CANONICAL_FIX : s.fix)))];
  // "…did you mean 'X'? Add it with --map FILE", as a person would say it.
  if (suggestions.length > 0 && fixes.includes(MAP_FIX)) return `${parts.join('; ')} Add it with --map FILE`;
  return `${parts.join('; ')}; ${fixes.join(', or ')}`;
}
