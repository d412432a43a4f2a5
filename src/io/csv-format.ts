/**
 * CSV text for rows of cells (RFC 4180: quote a cell holding a comma, quote or
 * line break; double its quotes). Written here because csv-stringify takes
 * about 12.7 s per million roll rows against 1.7 s for this (measured, see
 * README): roll outputs must keep pace with parsing. The tests check it
 * against csv-stringify.
 */
const SPECIAL = /[",\r\n]/;

export function formatCsv(rows: readonly (readonly string[])[], textColumns?: readonly number[]): string {
  const lines: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) lines[i] = textColumns ? formatRowChecking(rows[i]!, textColumns) : formatCsvRow(rows[i]!);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/**
 * A row whose only free text is in `textColumns` (names, places, causes): the
 * other cells are numbers, flags and codes povroll wrote and never need quotes.
 */
function formatRowChecking(row: readonly string[], textColumns: readonly number[]): string {
  for (const at of textColumns) if (SPECIAL.test(row[at]!)) return row.map(quoteIfNeeded).join(',');
  return row.join(',');
}

function formatCsvRow(row: readonly string[]): string {
  const line = row.join(',');
  // One test per row: a quote or line break anywhere, or more commas than separators.
  if (!QUOTE_OR_BREAK.test(line) && commas(line) === row.length - 1) return line;
  return row.map(quoteIfNeeded).join(',');
}

const QUOTE_OR_BREAK = /["\r\n]/;

function commas(line: string): number {
  let count = 0;
  for (let at = line.indexOf(','); at >= 0; at = line.indexOf(',', at + 1)) count += 1;
  return count;
}

function quoteIfNeeded(cell: string): string {
  return SPECIAL.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
