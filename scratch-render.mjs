import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { byDistrictAndCommune, writeDistrictWorkbook } from './dist/scripts/messy-roll.js';
const rows = parse(readFileSync('fixtures/demo/roll-2024.csv'), { columns: true });
rmSync('/tmp/messy', { recursive: true, force: true }); mkdirSync('/tmp/messy');
for (const [district, communes] of byDistrictAndCommune(rows)) {
  const n = await writeDistrictWorkbook(`/tmp/messy/${district} 2024.xlsx`, communes, { incomeAsText: district.includes('Bắc') });
  console.log(district, n, 'person rows');
}
