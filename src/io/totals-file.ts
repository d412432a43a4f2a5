import { LOCATION_COLUMNS } from '../core/areas.js';
import { type ColumnIndex, FieldError, columnText, createLocationParser, indexColumns, readWholeNumber } from '../core/roll.js';
import { type AreaTotal, type TotalsIndex, buildTotalsIndex } from '../core/totals.js';
import { PovrollError } from '../errors.js';
import { openCsvSource } from './csv-source.js';
import type { Io } from './io.js';

/**
 * Reads `--totals FILE`: resident households (and optionally persons) per
 * area, for rolls that list only poor and near-poor households. A bad value
 * here is fatal: every rate would depend on it.
 */
export async function readTotals(path: string, io: Io): Promise<TotalsIndex> {
  const table = await openCsvSource(path, io);
  const index: ColumnIndex = indexColumns(table.header, [...LOCATION_COLUMNS, 'households', 'persons']);
  if (index.households! < 0) {
    throw new PovrollError(`Cannot read totals "${path}": missing column "households"; found ${table.header.map((h) => `"${h}"`).join(', ')}`);
  }
  const rows: AreaTotal[] = [];
  const location = createLocationParser(index);
  for await (const batch of table.batches) {
    batch.rows.forEach((cells, i) => {
      const row = batch.firstRow + i;
      if (cells.every((c) => c.trim() === '')) return;
      try {
        const households = readWholeNumber(columnText(cells, index, 'households'), 'households');
        if (households === null) throw new FieldError('households', '', 'a whole number');
        rows.push({
          location: location(cells),
          households,
          persons: index.persons! < 0 ? null : readWholeNumber(columnText(cells, index, 'persons'), 'persons'),
        });
      } catch (error) {
        if (error instanceof FieldError) {
          throw new PovrollError(`Cannot read totals "${path}": row ${row}, column "${error.column}": expected ${error.expected}, found "${error.value}"`);
        }
        throw error;
      }
    });
  }
  try {
    return buildTotalsIndex(rows);
  } catch (error) {
    throw new PovrollError(`Cannot read totals "${path}": ${(error as Error).message}`, 1, { cause: error });
  }
}
