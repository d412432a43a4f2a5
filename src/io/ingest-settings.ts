import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type HouseholdClass, isHouseholdClass } from '../core/household.js';
import { type HeadingOverrides, type IngestField, INGEST_FIELDS, isIngestField } from '../core/ingest/fields.js';
import { matchKey } from '../core/ingest/match-key.js';
import { DEFAULT_CLASS_CODES } from '../core/ingest/values.js';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';

/**
 * Reads `--map FILE`: `{"columns": {"Heading": "field" | null}, "class_codes": {"1": "poor"}}`.
 * A heading matches in any spelling (case, diacritics, spacing); null leaves the column out.
 */
export async function readHeadingMap(path: string | undefined, io: Io): Promise<{ overrides: HeadingOverrides; classCodes: Record<string, HouseholdClass> }> {
  const overrides: HeadingOverrides = new Map();
  const classCodes: Record<string, HouseholdClass> = { ...DEFAULT_CLASS_CODES };
  if (path === undefined) return { overrides, classCodes };
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(io.cwd, path), 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? `not valid JSON (${error.message})` : describeFsError(error);
    throw new PovrollError(`Cannot read map "${path}": ${why}`, 1, { cause: error });
  }
  const fail = (detail: string) => new PovrollError(`Invalid map "${path}": ${detail}`);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('expected an object with "columns" and/or "class_codes"');
  const { columns = {}, class_codes: codes = {}, ...rest } = json as Record<string, unknown>;
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
