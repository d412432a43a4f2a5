import { type HouseholdClass, isHouseholdClass } from '../core/household.js';
import { type HeadingOverrides, type IngestField, INGEST_FIELDS, isIngestField } from '../core/ingest/fields.js';
import { matchKey } from '../core/ingest/match-key.js';
import { DEFAULT_CLASS_CODES } from '../core/ingest/values.js';
import type { Io } from './io.js';
import { type JsonFault, asObject, readJsonFile } from './json-file.js';

/** What a map file says: headings taken as fields (or left out), and the codes of household classes. */
interface HeadingMap {
  overrides: HeadingOverrides;
  classCodes: Record<string, HouseholdClass>;
}

/**
 * Reads `--map FILE`: `{"columns": {"Heading": "field" | null}, "class_codes": {"1": "poor"}}`.
 * A heading matches in any spelling (case, diacritics, spacing); null leaves the column out.
 */
export async function readHeadingMap(path: string | undefined, io: Io): Promise<HeadingMap> {
  if (path === undefined) return { overrides: new Map(), classCodes: { ...DEFAULT_CLASS_CODES } };
  return readJsonFile(path, io, { kind: 'map', notJson: 'Cannot read' }, parseHeadingMap);
}

function parseHeadingMap(raw: unknown, fail: JsonFault): HeadingMap {
  const overrides: HeadingOverrides = new Map();
  const classCodes: Record<string, HouseholdClass> = { ...DEFAULT_CLASS_CODES };
  const json = asObject(raw);
  if (json === null) throw fail('expected an object with "columns" and/or "class_codes"');
  const { columns = {}, class_codes: codes = {}, ...rest } = json;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw fail(`unknown entry "${unknown[0]}"; expected "columns" and "class_codes"`);
  for (const [heading, field] of Object.entries(columns as Record<string, unknown>)) {
    if (field !== null && (typeof field !== 'string' || !isIngestField(field))) {
      throw fail(`columns."${heading}": unknown field ${JSON.stringify(field)}; expected null or one of ${INGEST_FIELDS.join(', ')}`);
    }
    overrides.set(matchKey(heading), field as IngestField | null);
  }
  for (const [code, value] of Object.entries(codes as Record<string, unknown>)) {
    if (typeof value !== 'string' || !isHouseholdClass(value)) {
      throw fail(`class_codes."${code}": expected poor, near_poor, average or non_poor, found ${JSON.stringify(value)}`);
    }
    classCodes[matchKey(code)] = value;
  }
  return { overrides, classCodes };
}
