import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli.js';
import { memoryIo } from './memory-io.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_2023 = join(ROOT, 'fixtures/demo/roll-2023.csv');
export const DEMO_2024 = join(ROOT, 'fixtures/demo/roll-2024.csv');

/** Runs the command line in-process and returns what it printed. */
export async function runCli(argv: string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}) {
  const io = memoryIo(options);
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

const created: string[] = [];

/** A fresh temporary folder, removed when the test file finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'povroll-test-'));
  created.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files into a fresh temporary folder and returns its path. */
export function folderWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** CSV text as records keyed by header. */
export function records(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true }) as Record<string, string>[];
}

export const HEADER =
  'household_id,head_name,province_code,province,district_code,district,commune_code,commune,village,area,review_year,members,income_per_capita,score_b1,score_b2,d_employment,d_dependents,d_nutrition,d_health_insurance,d_health_access,d_adult_education,d_child_schooling,d_housing_quality,d_housing_area,d_water,d_latrine,d_telecom,d_information,d_waste,ethnicity,ethnic_minority,merit_policy,social_protection,no_labor_capacity,female_head,poverty_cause,recorded_class,source';

/** One canonical row: overrides by column name on a plain rural household of 2024. */
export function row(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    household_id: 'H1',
    head_name: 'Người Thử Nghiệm',
    province_code: '01',
    province: 'Tỉnh Thử',
    district_code: '001',
    district: 'Huyện Một',
    commune_code: '00001',
    commune: 'Xã Một',
    village: 'Thôn Một',
    area: 'rural',
    review_year: '2024',
    members: '4',
    income_per_capita: '1000000',
    recorded_class: '',
  };
  for (const code of [
    'employment',
    'dependents',
    'nutrition',
    'health_insurance',
    'adult_education',
    'child_schooling',
    'housing_quality',
    'housing_area',
    'water',
    'latrine',
    'telecom',
    'information',
  ]) {
    base[`d_${code}`] = '0';
  }
  const all = { ...base, ...fields };
  return HEADER.split(',')
    .map((c) => all[c] ?? '')
    .join(',');
}
