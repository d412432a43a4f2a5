import type { Area } from '../core/household.js';
import { INDICATOR_CODES } from '../core/indicators.js';
import type { Io } from '../io/io.js';
import { readHeadingMap } from '../io/ingest-settings.js';
import type { IngestSettings } from '../io/raw-roll-reader.js';
import type { RollRequirement } from '../io/roll-reader.js';

/** Location defaults and the heading map, shared by every command that reads raw rolls. */
export interface LocationOptions {
  map?: string;
  province?: string;
  district?: string;
  commune?: string;
  area?: Area;
  year?: number;
}

/** What the user said about the rolls beyond the files: the heading map and the location defaults. */
export async function readSettings(options: LocationOptions, io: Io, forSummary = true): Promise<IngestSettings> {
  const { overrides, classCodes } = await readHeadingMap(options.map, io);
  return {
    overrides,
    classCodes,
    // Ingest records no input digest (the file is then read only once) and writes cells, not households.
    hashInputs: forSummary,
    householdFacts: forSummary ? 'all' : 'checks',
    defaults: {
      ...(options.province !== undefined && { province: options.province.normalize('NFC') }),
      ...(options.district !== undefined && { district: options.district.normalize('NFC') }),
      ...(options.commune !== undefined && { commune: options.commune.normalize('NFC') }),
      ...(options.area !== undefined && { area: options.area }),
      ...(options.year !== undefined && { year: options.year }),
    },
  };
}

/** The columns classification cannot do without in a canonical roll (docs/roll.md). */
export function classifyRequirement(autoStandard: boolean): RollRequirement {
  return {
    all: [
      { column: 'area', why: 'it picks the rural or urban line' },
      ...(autoStandard ? [{ column: 'review_year', why: 'it picks the standard; or pass --standard' }] : []),
    ],
    oneOf: [
      { columns: ['income_per_capita', 'score_b1'], why: 'the income per person, or the B1 score that stands for it' },
      {
        columns: [...INDICATOR_CODES.map((code) => `d_${code}`), 'score_b2', 'deprivation_total'],
        why: 'the deprivation indicators d_<indicator>, the B2 score or a deprivation count',
      },
    ],
  };
}
