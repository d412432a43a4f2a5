/**
 * Writes the bundled demo rolls: one synthetic province (3 districts,
 * 4 communes each, commune names repeating across districts) reviewed in
 * 2023 and 2024. The same households appear in both years, a little richer
 * in 2024. Run: npm run build && node dist/scripts/make-demo.js
 */
import { mkdirSync } from 'node:fs';
import { writeSyntheticRoll } from './write-synthetic-roll.js';

mkdirSync('fixtures/demo', { recursive: true });
await writeSyntheticRoll('fixtures/demo/roll-2023.csv', 1200, 2023, 7, 1);
await writeSyntheticRoll('fixtures/demo/roll-2024.csv', 1200, 2024, 7, 1.08);
