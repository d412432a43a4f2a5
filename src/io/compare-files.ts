import { Crosswalk, CrosswalkError, type CrosswalkEntry } from '../core/compare/crosswalk.js';
import { TargetFileError, type TargetSet, parseTargets } from '../core/compare/targets.js';
import { PovrollError } from '../errors.js';
import { openCsvSource } from './csv-source.js';
import type { Io } from './io.js';
import { checkedBy, readJsonFile } from './json-file.js';

/** Reads a targets file (JSON; see examples/targets-lang-son-2021-2025.json). */
export async function readTargets(path: string, io: Io): Promise<TargetSet> {
  return readJsonFile(path, io, { kind: 'targets', notJson: 'Cannot read', invalid: 'Cannot read' }, checkedBy(parseTargets, TargetFileError));
}

const CROSSWALK_COLUMNS = [
  'old_province',
  'old_district',
  'old_commune',
  'old_commune_code',
  'new_province_code',
  'new_province',
  'new_commune_code',
  'new_commune',
  'share',
  'household_ids',
];

/**
 * Reads a crosswalk CSV: one row per old unit and new commune it went to,
 * with `share` (0.6, 0,6 or 60%) for a commune split between new ones, or
 * `household_ids` (";"-separated) listing the households that went there.
 */
export async function readCrosswalk(path: string, io: Io): Promise<Crosswalk> {
  const table = await openCsvSource(path, io);
  const at = Object.fromEntries(CROSSWALK_COLUMNS.map((c) => [c, table.header.indexOf(c)]));
  if (at['old_commune']! < 0 && at['old_commune_code']! < 0) {
    throw new PovrollError(
      `Cannot read crosswalk "${path}": it needs the columns old_district and old_commune (or old_commune_code), and new_commune (or new_commune_code); found ${table.header.map((h) => `"${h}"`).join(', ')}`,
    );
  }
  const entries: CrosswalkEntry[] = [];
  for await (const batch of table.batches) {
    batch.rows.forEach((cells, i) => {
      const row = batch.firstRow + i;
      const cell = (column: string) => (at[column]! < 0 ? '' : (cells[at[column]!] ?? '').trim());
      if (cells.every((c) => c.trim() === '')) return;
      entries.push({
        row,
        oldProvince: cell('old_province'),
        oldDistrict: cell('old_district'),
        oldCommune: cell('old_commune'),
        oldCommuneCode: cell('old_commune_code'),
        newProvinceCode: cell('new_province_code'),
        newProvince: cell('new_province'),
        newCommuneCode: cell('new_commune_code'),
        newCommune: cell('new_commune'),
        share: share(cell('share'), path, row),
        households: cell('household_ids')
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      });
    });
  }
  try {
    return new Crosswalk(entries);
  } catch (error) {
    if (error instanceof CrosswalkError) throw new PovrollError(`Cannot use crosswalk "${path}": ${error.message}`, 1, { cause: error });
    throw error;
  }
}

function share(text: string, path: string, row: number): number | null {
  if (text === '') return null;
  const percent = text.endsWith('%');
  const value = Number(text.replace('%', '').replace(',', '.').trim());
  if (!Number.isFinite(value) || value < 0 || (percent ? value > 100 : value > 1)) {
    throw new PovrollError(`Cannot read crosswalk "${path}": row ${row}, column "share": expected a share from 0 to 1 (or a percentage), found "${text}"`);
  }
  return percent ? value / 100 : value;
}
