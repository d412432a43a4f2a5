/**
 * Writes a synthetic canonical roll: `node dist/scripts/write-synthetic-roll.js
 * --households 1000000 --year 2024 --out roll.csv`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { formatCsv } from '../src/io/csv-format.js';
import { syntheticRoll } from './synthetic-roll.js';

export async function writeSyntheticRoll(path: string, households: number, reviewYear: number, seed = 1, incomeGrowth = 1): Promise<void> {
  const out = createWriteStream(path);
  let buffer: string[][] = [];
  const flush = async () => {
    if (!out.write(formatCsv(buffer))) await once(out, 'drain');
    buffer = [];
  };
  const scale = Math.max(1, Math.round(households / 100));
  const provinces = Math.max(1, Math.min(63, Math.round(scale / 160)));
  for (const row of syntheticRoll({
    households,
    reviewYear,
    seed,
    incomeGrowth,
    provinces,
    districtsPerProvince: households >= 100_000 ? 10 : 3,
    communesPerDistrict: households >= 100_000 ? 16 : 4,
    villagesPerCommune: households >= 100_000 ? 5 : 4,
  })) {
    buffer.push(row);
    if (buffer.length >= 10_000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1]! : fallback;
  };
  await writeSyntheticRoll(
    arg('out', 'roll.csv'),
    Number(arg('households', '1000')),
    Number(arg('year', '2024')),
    Number(arg('seed', '1')),
    Number(arg('growth', '1')),
  );
}
