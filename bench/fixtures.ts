/**
 * Benchmark inputs, generated once into bench-data/ and reused: a canonical
 * roll of N households, rolls of two review years (canonical and classified),
 * and a raw roll of N person rows both as one messy
 * workbook (title block, merged header, household blocks, repeated headers,
 * footers; many commune sheets) and as a raw CSV export of the same layout.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROLL_COLUMNS } from '../src/core/roll.js';
import { formatCsv } from '../src/io/csv-format.js';
import { type CanonicalRecord, personRows, writeDistrictWorkbook } from '../scripts/messy-roll.js';
import { syntheticRoll } from '../scripts/synthetic-roll.js';
import { writeSyntheticRoll } from '../scripts/write-synthetic-roll.js';

const FOLDER = 'bench-data';

export async function canonicalRoll(households: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `roll-${households}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file}…\n`);
    await writeSyntheticRoll(file, households, 2024);
  }
  return file;
}

/** Review years of the paired rolls, with the income growth of each over the first. */
const YEARS = [
  [2024, 1],
  [2025, 1.08],
] as const;

/**
 * A canonical roll of `households` households for one of the paired review
 * years (2024, or 2025 with incomes grown 8 %): bench-data/roll-N-YEAR.csv.
 */
export async function yearRoll(households: number, year: number): Promise<string> {
  const growth = YEARS.find(([y]) => y === year)?.[1];
  if (growth === undefined) throw new Error(`no paired roll for ${year}`);
  mkdirSync(FOLDER, { recursive: true });
  const roll = join(FOLDER, `roll-${households}-${year}.csv`);
  if (!existsSync(roll)) {
    process.stderr.write(`generating ${roll}${households >= 5_000_000 ? ' (takes several minutes)' : ''}…\n`);
    // Under another name until complete: an interrupted run leaves no truncated roll to reuse.
    await writeSyntheticRoll(`${roll}.partial`, households, year, 1, growth);
    renameSync(`${roll}.partial`, roll);
  }
  return roll;
}

/** The two canonical rolls of the paired years, joined by "|". */
export async function yearRolls(households: number): Promise<string> {
  const paths: string[] = [];
  for (const [year] of YEARS) paths.push(await yearRoll(households, year));
  return paths.join('|');
}

/**
 * Two classified rolls of the same households a year apart (incomes grown,
 * so households move between classes), as `compare` reads them. The paths
 * are joined by "|" for the harness, which passes one input per case.
 */
export async function classifiedPair(households: number): Promise<string> {
  const paths: string[] = [];
  for (const [year] of YEARS) {
    const classified = join(FOLDER, `classified-${households}-${year}.csv`);
    if (!existsSync(classified)) {
      const roll = await yearRoll(households, year);
      process.stderr.write(`generating ${classified}…\n`);
      const { main } = await import('../src/cli.js');
      if ((await main(['-q', 'classify', roll, '-o', classified])) !== 0) throw new Error(`cannot classify ${roll}`);
    }
    paths.push(classified);
  }
  return paths.join('|');
}

/** Households whose person rows add up to about `personRows`, grouped by commune. */
function householdsForPersonRows(personRows: number): Map<string, CanonicalRecord[]> {
  const communes = new Map<string, CanonicalRecord[]>();
  let rows = 0;
  const generator = syntheticRoll({
    households: Math.ceil(personRows / 2),
    reviewYear: 2024,
    seed: 3,
    provinces: 1,
    districtsPerProvince: 8,
    communesPerDistrict: 5,
    villagesPerCommune: 5,
  });
  generator.next();
  for (const cells of generator) {
    const record = Object.fromEntries(ROLL_COLUMNS.map((c, i) => [c, cells[i]!])) as CanonicalRecord;
    // Commune names repeat across districts: the sheet name carries both to stay unique.
    const key = `${record.commune} ${record.district_code}`;
    let list = communes.get(key);
    if (!list) communes.set(key, (list = []));
    list.push(record);
    rows += Number(record.members);
    if (rows >= personRows) break;
  }
  return communes;
}

export async function messyWorkbook(personRowCount: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `messy-${personRowCount}.xlsx`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} (takes a few minutes)…\n`);
    await writeDistrictWorkbook(file, householdsForPersonRows(personRowCount), { pageRows: 50, incomeAsText: false });
  }
  return file;
}

export async function messyCsv(personRowCount: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `messy-${personRowCount}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${file}…\n`);
  const out = createWriteStream(file);
  const write = async (rows: (string | number | null)[][]) => {
    if (!out.write(formatCsv(rows.map((r) => r.map((c) => (c === null ? '' : String(c))))))) await once(out, 'drain');
  };
  await write([['UBND XÃ MẪU'], ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024'], []]);
  await write([
    [
      '',
      'STT',
      'Mã hộ',
      'Họ và tên',
      'Quan hệ với chủ hộ',
      'Năm sinh Nam',
      'Năm sinh Nữ',
      'Thôn',
      'Thu nhập bình quân (đồng/người/tháng)',
      'Việc làm',
      'Người phụ thuộc',
      'Dinh dưỡng',
      'BHYT',
      'Giáo dục người lớn',
      'Trẻ em đi học',
      'Chất lượng nhà ở',
      'DT nhà ở BQ',
      'Nước SH',
      'Nhà tiêu HVS',
      'Dịch vụ viễn thông',
      'Phương tiện tiếp cận TT',
      'Dân tộc',
      'Hộ có người có công',
      'Phân loại hộ',
      'Xã',
      'Ghi chú',
    ],
  ]);
  let stt = 0;
  let batch: (string | number | null)[][] = [];
  for (const [commune, households] of householdsForPersonRows(personRowCount)) {
    for (const household of households) {
      for (const row of personRows(household, ++stt, { incomeAsText: true }, stt)) batch.push([...row.slice(0, 24), commune, null]);
      if (batch.length >= 5000) {
        await write(batch);
        batch = [];
      }
    }
  }
  await write(batch);
  out.end();
  await once(out, 'finish');
  return file;
}

const AREA_LABELS: Record<string, string> = { rural: 'Nông thôn', urban: 'Thành thị' };
const CLASS_TEXT: Record<string, string> = { poor: 'Hộ nghèo', near_poor: 'Hộ cận nghèo', average: 'Hộ có mức sống trung bình', non_poor: 'Hộ không nghèo' };

/** A provincial system's export: one row per household, Vietnamese headings, marks and labels. */
export async function exportCsv(households: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `export-${households}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${file}…\n`);
  const out = createWriteStream(file);
  const indicators = [
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
  ];
  const header = [
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Mã tỉnh',
    'Tỉnh',
    'Mã huyện',
    'Huyện',
    'Mã xã',
    'Xã',
    'Thôn',
    'Khu vực',
    'Năm rà soát',
    'Số nhân khẩu',
    'Thu nhập bình quân (đồng/người/tháng)',
    'Việc làm',
    'Người phụ thuộc',
    'Dinh dưỡng',
    'Bảo hiểm y tế',
    'Trình độ giáo dục của người lớn',
    'Tình trạng đi học của trẻ em',
    'Chất lượng nhà ở',
    'Diện tích nhà ở bình quân đầu người',
    'Nguồn nước sinh hoạt',
    'Nhà tiêu hợp vệ sinh',
    'Sử dụng dịch vụ viễn thông',
    'Phương tiện phục vụ tiếp cận thông tin',
    'Dân tộc',
    'Hộ có người có công',
    'Hộ BTXH',
    'Chủ hộ là nữ',
    'Nguyên nhân nghèo',
    'Phân loại hộ',
  ];
  let batch: string[][] = [header];
  const generator = syntheticRoll({
    households,
    reviewYear: 2024,
    seed: 5,
    provinces: Math.max(1, Math.min(63, Math.round(households / 16000))),
    districtsPerProvince: 10,
    communesPerDistrict: 16,
    villagesPerCommune: 5,
  });
  generator.next();
  for (const cells of generator) {
    const h = Object.fromEntries(ROLL_COLUMNS.map((c, i) => [c, cells[i]!])) as CanonicalRecord;
    batch.push([
      h.household_id!,
      h.head_name!,
      h.province_code!,
      h.province!,
      h.district_code!,
      h.district!,
      h.commune_code!,
      h.commune!,
      h.village!,
      AREA_LABELS[h.area!]!,
      h.review_year!,
      h.members!,
      h.income_per_capita!,
      ...indicators.map((code) => (h[`d_${code}`] === '1' ? 'x' : '')),
      h.ethnicity!,
      h.merit_policy === '1' ? 'x' : '',
      h.social_protection === '1' ? 'x' : '',
      h.female_head === '1' ? 'x' : '',
      h.poverty_cause!,
      CLASS_TEXT[h.recorded_class!]!,
    ]);
    if (batch.length >= 10_000) {
      if (!out.write(formatCsv(batch))) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(formatCsv(batch));
  out.end();
  await once(out, 'finish');
  return file;
}
