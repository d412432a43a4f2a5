import type { Level } from '../core/areas.js';
import type { Lang } from '../core/labels.js';
import type { SummarySheet } from '../core/sheet-model.js';
import type { Io } from '../io/io.js';
import { escapeRows, historyRows } from '../registry/durability.js';
import { durabilitySheet } from '../registry/durability-sheet.js';
import { openForReading } from '../registry/registry-roll.js';

/** Percent above the exit line within which a household counts as just above it (`--margin`). */
export const DEFAULT_NEAR_LINE_MARGIN = 10;

/** The summary's sheet on how lasting the reduction is, from every year of the registry. */
export async function durabilitySheetOf(db: string, levels: readonly Level[], margin: number, lang: Lang, io: Io): Promise<SummarySheet | null> {
  const registry = await openForReading(db, io);
  try {
    const all = [...levels, 'total'] as const;
    return durabilitySheet(await historyRows(registry, all, margin), await escapeRows(registry, all), levels, margin, lang);
  } finally {
    registry.close();
  }
}
