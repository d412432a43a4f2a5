/**
 * Writes the bundled demo rolls: one synthetic province (3 districts,
 * 4 communes each, commune names repeating across districts) reviewed in
 * 2023 and 2024. The same households appear in both years, a little richer
 * in 2024. One district of 2024 is also written as an office would send it
 * (fixtures/demo/raw/), for trying `povroll ingest`.
 * Run: npm run build && node dist/scripts/make-demo.js
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type CanonicalRecord, byDistrictAndCommune, writeDistrictWorkbook } from './messy-roll.js';
import { writeSyntheticRoll } from './write-synthetic-roll.js';

mkdirSync('fixtures/demo/raw', { recursive: true });
await writeSyntheticRoll('fixtures/demo/roll-2023.csv', 1200, 2023, 7, 1);
await writeSyntheticRoll('fixtures/demo/roll-2024.csv', 1200, 2024, 7, 1.08);
const households = parse(readFileSync('fixtures/demo/roll-2024.csv'), { columns: true }) as CanonicalRecord[];
const [district, communes] = [...byDistrictAndCommune(households)][0]!;
await writeDistrictWorkbook(`fixtures/demo/raw/${district} 2024.xlsx`, communes, { incomeAsText: true });
