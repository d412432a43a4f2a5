import type { Io } from './io.js';
import { openCsvSource } from './csv-source.js';
import { type IngestSettings, type RawRollReader, openRawRoll } from './raw-roll-reader.js';
import { type RollReader, type RollRequirement, canonicalRoll, isCanonicalHeader } from './roll-reader.js';
import { sniffFormat } from './roll-inputs.js';
import { openRegistryYear, registryYearOf } from '../registry/registry-roll.js';

/**
 * Opens any roll: a canonical household roll is read as it is (the fast
 * path), anything else goes through ingest. Commands need not care which.
 */
export async function openRoll(path: string, io: Io, requirement: RollRequirement, settings: IngestSettings): Promise<RollReader | RawRollReader> {
  const registryYear = await registryYearOf(path, io);
  if (registryYear !== null) return openRegistryYear(path, registryYear, io, requirement, settings.householdFacts);
  const format = await sniffFormat(path, io);
  if (format !== 'text') return openRawRoll(path, io, settings);
  const table = await openCsvSource(path, io);
  if (isCanonicalHeader(table.header)) return canonicalRoll(table, path, requirement, settings.householdFacts);
  return openRawRoll(path, io, settings, table);
}

export function isRawReader(reader: RollReader): reader is RawRollReader {
  return 'report' in reader;
}
