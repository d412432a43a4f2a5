/**
 * Compare matches households in DuckDB (the flow engine) unless --moves asks
 * for them held in memory, where flows.ts counts them. The two are written
 * apart, so each checks the other: on rolls with every case the rules tell
 * apart — households without a code or a member count, unclassified ones,
 * moves between communes and districts, re-entry known from an earlier year
 * or from the list's own word, targets on indicators some rolls do not
 * assess — both must give the same file, byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/run-cli.js';

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLASSES = ['poor', 'near_poor', 'average', 'non_poor', 'unclassified'];
const COMMUNES = [
  ['001', 'Huyện Một', '00001', 'Xã Đông'],
  ['001', 'Huyện Một', '00002', 'Thị trấn Tây'],
  ['002', 'Huyện Hai', '00003', 'Xã Đông'],
  ['002', 'Huyện Hai', '00004', 'Phường Nam'],
];
const HEADER =
  'household_id,province,district_code,district,commune_code,commune,area,review_year,members,standard,deprivation_count,deprived,class,prior_status';

function rolls(seed: number, dir: string): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  // Each household keeps its commune most years; some move, some come and go.
  const homes = Array.from({ length: 160 }, () => pick(COMMUNES));
  return [2021, 2022, 2023].map((year) => {
    const lines = [HEADER];
    homes.forEach((_home, i) => {
      if (next() < 0.1) return;
      if (next() < 0.08) homes[i] = pick(COMMUNES);
      const [districtCode, district, communeCode, commune] = homes[i]!;
      const klass = pick(CLASSES);
      const deprived = klass === 'poor' || klass === 'near_poor' ? ['water', 'latrine', 'telecom'].filter(() => next() < 0.5) : [];
      const code = next() < 0.03 ? '' : `H${String(i).padStart(4, '0')}`;
      const members = next() < 0.04 ? '' : String(1 + Math.floor(next() * 7));
      const area = next() < 0.5 ? 'rural' : 'urban';
      const prior = klass === 'poor' || klass === 'near_poor' ? pick(['', 'continuing', 're_entered', 'new']) : '';
      lines.push(
        [
          code,
          'Tỉnh Thử',
          districtCode,
          district,
          communeCode,
          commune,
          area,
          year,
          members,
          'nd07-2021',
          deprived.length,
          deprived.join(';'),
          klass,
          prior,
        ].join(','),
      );
    });
    const file = join(dir, `roll-${year}.csv`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  });
}

describe('the flow engine', () => {
  for (const seed of [1, 2, 3]) {
    it(`gives the flows counted in memory (seed ${seed})`, async () => {
      const dir = tempDir();
      const files = rolls(seed, dir);
      const targets = join(dir, 'targets.json');
      writeFileSync(
        targets,
        JSON.stringify({
          name: 'thử',
          poor_rate_reduction: [{ min_points_per_year: 2 }],
          poor_households_not_deprived: [{ indicators: ['water', 'latrine'], min_percent: 50 }],
        }),
      );
      const common = ['-q', 'compare', ...files, '--by', 'district,commune', '--span', '--targets', targets];
      const engine = await runCli([...common, '-o', join(dir, 'engine.csv')]);
      expect(engine.code, engine.stderr).toBe(0);
      const memory = await runCli([...common, '-o', join(dir, 'memory.csv'), '--moves', join(dir, 'moves.csv')]);
      expect(memory.code, memory.stderr).toBe(0);
      const engineRows = readFileSync(join(dir, 'engine.csv'), 'utf8');
      // Not an empty agreement: flows of every kind occur.
      const total = engineRows.split('\n').find((line) => line.startsWith('total,'));
      expect(total).toBeDefined();
      expect(engineRows).toBe(readFileSync(join(dir, 'memory.csv'), 'utf8'));
    });
  }
});
