import type { Header, SourceRow } from '../core/ingest/header.js';
import { HEADER_SEARCH_ROWS } from '../core/ingest/header.js';
import { type IngestOutput, type SheetContext, type SheetCounts, createSheetIngester } from '../core/ingest/sheet-ingester.js';
import type { ListKind } from '../core/ingest/title.js';
import type { Assumptions } from '../core/ingest/ingest-types.js';
import { type LegacyEncoding, detectLegacyEncoding, legacyDecoder } from './legacy-text.js';

export interface SheetReport {
  /** Sheet name, or null for a text file. */
  sheet: string | null;
  counts: SheetCounts;
  header: Header | null;
  legacy: LegacyEncoding | null;
  /** For a sheet without a roll: the row that came closest to a header. */
  closest: string[];
  /** What was assumed to read it, with the number of households each assumption was made for. */
  assumptions: Assumptions;
  /** The title or sheet name says it lists only some households. */
  list: ListKind | null;
}

/**
 * Runs one sheet's rows through the ingester: judges the legacy encoding on
 * the first rows, yields households and rejects as rows arrive, and returns
 * the sheet's report.
 */
export async function* ingestSheet(
  name: string | null,
  rows: AsyncIterable<SourceRow[]>,
  makeContext: (sheet: string | null, fixText: SheetContext['fixText']) => SheetContext,
): AsyncGenerator<IngestOutput & { sheet: string | null }, SheetReport> {
  let ingester: ReturnType<typeof createSheetIngester> | null = null;
  let legacy: LegacyEncoding | null = null;
  let sheet = name;
  for await (const batch of rows) {
    if (ingester === null) {
      // The legacy font encoding is judged on the title and header rows.
      legacy = detectLegacyEncoding(sampleTexts(batch));
      const decode = legacyDecoder(legacy);
      // Readers deliver text composed (NFC); only legacy font encodings need repair.
      const fix = legacy !== null ? decode : null;
      if (sheet !== null && legacy !== null) sheet = decode(sheet);
      ingester = createSheetIngester(makeContext(sheet, fix));
    }
    yield { ...ingester.push(batch), sheet };
  }
  ingester ??= createSheetIngester(makeContext(sheet, null));
  const result = ingester.finish();
  yield { households: result.households, rejects: result.rejects, ...(result.started && { started: result.started }), sheet };
  return { sheet, counts: result.counts, header: result.header, legacy, closest: result.closest, assumptions: result.assumptions, list: result.list };
}

function sampleTexts(rows: readonly SourceRow[]): string[] {
  const texts: string[] = [];
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) for (const cell of row.cells) if (typeof cell === 'string' && cell !== '') texts.push(cell);
  return texts;
}
